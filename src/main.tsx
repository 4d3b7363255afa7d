import { render } from 'preact';
import { App } from './app/App.tsx';
import './app/app.css';

render(<App />, document.getElementById('app')!);
