// The suffix that keeps this process's temporary files (partial outputs, write checks) apart from any
// other's: its pid, and 24 random bits for the several one process makes in a folder. Nothing secret
// rides on it, so Math.random: loading node:crypto costs ~5 ms of every start-up.
export function tempSuffix(pid = process.pid): string {
  const random = Math.floor(Math.random() * 0x1000000).toString(16).padStart(6, '0');
  return `${pid}-${random}`;
}
