import { render } from 'preact';
import { App } from './app/App.tsx';
import { zodJitless } from './app/zod-jitless.ts';
import './app/app.css';

zodJitless();
render(<App />, document.getElementById('app')!);
