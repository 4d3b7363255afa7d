/** A few inline icons (one stroke style, 24-unit grid), decorative: the word beside them names the action. */
const Svg = ({ d }: { d: string }) => (
  <svg class="icon" viewBox="0 0 24 24" width="20" height="20" aria-hidden="true" focusable="false" fill="none" stroke="currentColor" stroke-width="2" stroke-linecap="round" stroke-linejoin="round">
    <path d={d} />
  </svg>
);

export const PersonIcon = () => <Svg d="M12 12a4 4 0 1 0 0-8 4 4 0 0 0 0 8zM4 21a8 8 0 0 1 16 0" />;
export const CloudIcon = () => <Svg d="M7 18h10a4 4 0 0 0 .5-7.97A6 6 0 0 0 6 9.5 4.25 4.25 0 0 0 7 18z" />;
export const CloudOffIcon = () => <Svg d="M3 3l18 18M9.5 6.2A6 6 0 0 1 17.5 10a4 4 0 0 1 2.2 7.1M17 18H7a4.25 4.25 0 0 1-1.6-8.2" />;
export const WarningIcon = () => <Svg d="M12 3l10 18H2L12 3zM12 10v5M12 18h.01" />;
