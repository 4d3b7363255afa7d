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
export const CalendarIcon = () => <Svg d="M4 6h16v14H4zM4 10h16M8 3v4M16 3v4" />;
export const GoalIcon = () => <Svg d="M12 21a9 9 0 1 0 0-18 9 9 0 0 0 0 18zM12 16a4 4 0 1 0 0-8 4 4 0 0 0 0 8zM12 12h.01" />;
export const ChartIcon = () => <Svg d="M4 20V4M4 20h16M8 16v-5M12 16V8M16 16v-3" />;
export const PeopleIcon = () => <Svg d="M9 11a3.5 3.5 0 1 0 0-7 3.5 3.5 0 0 0 0 7zM2.5 20a6.5 6.5 0 0 1 13 0M16 4.5a3.5 3.5 0 0 1 0 6.5M18 14a6.5 6.5 0 0 1 3.5 6" />;
export const SyncIcon = () => <Svg d="M20 11a8 8 0 0 0-14.3-4.9L4 8M4 4v4h4M4 13a8 8 0 0 0 14.3 4.9L20 16M20 20v-4h-4" />;
export const WishIcon = () => <Svg d="M12 3l2.8 5.7 6.2.9-4.5 4.4 1 6.2L12 17.3l-5.5 2.9 1-6.2L3 9.6l6.2-.9L12 3z" />;
export const ChevronIcon = () => <Svg d="M6 9l6 6 6-6" />;
export const LockIcon = () => <Svg d="M6 11h12v10H6zM8.5 11V7.5a3.5 3.5 0 0 1 7 0V11" />;
