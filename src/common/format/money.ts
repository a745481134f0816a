const clp = new Intl.NumberFormat('es-CL', { maximumFractionDigits: 0, minimumFractionDigits: 0 });

/** DOM-FMT-1: whole pesos shown `$1.234.567` (negative `-$1.234`). */
export function formatClp(amount: number | string | null | undefined): string {
  if (amount === null || amount === undefined || amount === '') return '';
  const n = typeof amount === 'number' ? amount : Number(amount);
  if (!Number.isFinite(n)) return '';
  const whole = Math.round(n);
  return `${whole < 0 ? '-' : ''}$${clp.format(Math.abs(whole))}`;
}

const number = new Intl.NumberFormat('es-CL', { maximumFractionDigits: 2 });
export function formatNumber(n: number | null | undefined): string {
  return n === null || n === undefined || !Number.isFinite(n) ? '' : number.format(n);
}
