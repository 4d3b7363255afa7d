/** The participant's own key, from their database's name (`polku-p-<key>`). */
export const myKeyOf = (scope: string) => scope.replace(/^polku-p-/, '');

/** Session times are local (Finland); the device's clock decides. */
const at = (date: string, time: string) => new Date(`${date}T${time}`);
export const hasStarted = (s: { date: string; startTime: string }, now: Date) => now >= at(s.date, s.startTime);
export const hasEnded = (s: { date: string; endTime: string }, now: Date) => now >= at(s.date, s.endTime);
