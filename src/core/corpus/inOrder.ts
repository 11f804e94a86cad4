/**
 * Runs `work` on each item with at most `window` running at once and hands each result to `emit` in item order,
 * so what a job reports is the same whichever finishes first. Items are pulled only as the window has room (a
 * stream is read no faster than it is worked through). A failure is thrown in its turn, once the work already
 * started has settled, so nothing is still writing when the caller gets the error.
 */
export async function inOrder<T, R>(
  items: Iterable<T> | AsyncIterable<T>,
  window: number,
  work: (item: T, i: number) => Promise<R>,
  emit: (result: R, i: number) => void | Promise<void>,
): Promise<void> {
  const size = Math.max(1, Math.floor(window));
  const queue: Promise<R>[] = [];
  let started = 0;
  let emitted = 0;
  const emitOldest = async (): Promise<void> => {
    const result = await queue[0];
    void queue.shift();
    await emit(result, emitted++);
  };
  try {
    for await (const item of items) {
      const i = started++;
      const running = Promise.resolve().then(() => work(item, i));
      // handled here so a failure waiting for its turn is not an unhandled rejection; it is thrown in its turn
      void running.catch(() => undefined);
      queue.push(running);
      if (queue.length >= size) await emitOldest();
    }
    while (queue.length > 0) await emitOldest();
  } catch (e) {
    await Promise.allSettled(queue);
    throw e;
  }
}
