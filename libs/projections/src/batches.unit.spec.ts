import { BatchReader } from './batches.js';

/** An async stream whose items arrive when the test pushes them. */
function stream<T>() {
  const queue: Array<IteratorResult<T>> = [];
  const waiting: Array<(r: IteratorResult<T>) => void> = [];
  let failure: Error | null = null;
  const deliver = (result: IteratorResult<T>) => {
    const waiter = waiting.shift();
    if (waiter) waiter(result);
    else queue.push(result);
  };
  const iterator: AsyncIterator<T> = {
    next: () => {
      if (failure) return Promise.reject(failure);
      const ready = queue.shift();
      return ready ? Promise.resolve(ready) : new Promise((resolve) => waiting.push(resolve));
    },
  };
  return {
    iterator,
    push: (...items: T[]) => items.forEach((value) => deliver({ value, done: false })),
    end: () => deliver({ value: undefined, done: true }),
    fail: (error: Error) => {
      failure = error;
    },
  };
}

describe('BatchReader', () => {
  it('cuts what is ready into batches of at most `max`', async () => {
    const s = stream<number>();
    s.push(1, 2, 3, 4, 5, 6, 7);
    const reader = new BatchReader(s.iterator);
    expect(await reader.next(3, 50)).toEqual([1, 2, 3]);
    expect(await reader.next(3, 50)).toEqual([4, 5, 6]);
    expect(await reader.next(3, 10)).toEqual([7]);
  });

  it('waits for the first item as long as it takes, then at most `lingerMs` for company', async () => {
    // Timers are the test's: the batch's closing is checked against the clock the reader uses, not wall time.
    jest.useFakeTimers();
    try {
      const s = stream<string>();
      const reader = new BatchReader(s.iterator);
      let closed = false;
      const batch = reader.next(100, 30).then((items) => {
        closed = true;
        return items;
      });
      await jest.advanceTimersByTimeAsync(5_000);
      expect(closed).toBe(false); // nothing yet: the first item is waited for as long as it takes
      s.push('a');
      await jest.advanceTimersByTimeAsync(10);
      s.push('b');
      await jest.advanceTimersByTimeAsync(19);
      expect(closed).toBe(false); // 29 ms after the first item: still open for company
      await jest.advanceTimersByTimeAsync(1);
      expect(closed).toBe(true); // 30 ms after the first item: closed
      expect(await batch).toEqual(['a', 'b']);
      // An item that comes after the batch closed starts the next one; none is lost.
      s.push('late');
      const next = reader.next(100, 10);
      await jest.advanceTimersByTimeAsync(10);
      expect(await next).toEqual(['late']);
    } finally {
      jest.useRealTimers();
    }
  });

  it('with a first wait, answers an empty batch when nothing arrives in time, and keeps the item that comes later', async () => {
    const s = stream<number>();
    const reader = new BatchReader(s.iterator);
    expect(await reader.next(10, 5, 30)).toEqual([]);
    s.push(42);
    expect(await reader.next(10, 5, 30)).toEqual([42]);
  });

  it('returns the last items, then null, when the stream ends', async () => {
    const s = stream<number>();
    s.push(1, 2);
    s.end();
    const reader = new BatchReader(s.iterator);
    expect(await reader.next(10, 10)).toEqual([1, 2]);
    expect(await reader.next(10, 10)).toBeNull();
  });

  it('throws the stream’s error to the caller', async () => {
    const s = stream<number>();
    s.fail(new Error('connection lost'));
    await expect(new BatchReader(s.iterator).next(10, 10)).rejects.toThrow('connection lost');
  });
});
