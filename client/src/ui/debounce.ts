/** Calls `action` once the calls have paused for `waitMs`; `cancel` drops a pending call. */
export function debounce<A extends unknown[]>(waitMs: number, action: (...args: A) => void) {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const debounced = (...args: A) => {
    clearTimeout(timer);
    timer = setTimeout(() => action(...args), waitMs);
  };
  debounced.cancel = () => clearTimeout(timer);
  return debounced;
}
