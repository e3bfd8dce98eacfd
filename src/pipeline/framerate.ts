// A frame rate as the fraction caps need: 30 → 30/1, 29.97 → 30000/1001, 0.5 → 500/1000.
export function fractionOf(fps: number): string {
  if (Number.isInteger(fps)) return `${fps}/1`;
  const ntsc = [23.976, 29.97, 59.94].find((n) => Math.abs(n - fps) < 0.01);
  if (ntsc !== undefined) return `${Math.round(ntsc * 1.001) * 1000}/1001`;
  return `${Math.round(fps * 1000)}/1000`;
}
