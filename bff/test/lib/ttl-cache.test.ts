import { TtlCache } from '../../src/lib/ttl-cache';

describe('TtlCache', () => {
  it('serves a value until its time is up, then loads again', async () => {
    let now = 0;
    const cache = new TtlCache<string, number>(1000, 10, () => now);
    let loads = 0;
    const load = async () => ++loads;
    expect(await cache.get('k', load)).toBe(1);
    now = 999;
    expect(await cache.get('k', load)).toBe(1);
    now = 1000;
    expect(await cache.get('k', load)).toBe(2);
  });

  it('shares one load between concurrent misses', async () => {
    const cache = new TtlCache<string, number>(1000);
    let loads = 0;
    const load = () => new Promise<number>((resolve) => setTimeout(() => resolve(++loads), 10));
    const values = await Promise.all([cache.get('k', load), cache.get('k', load), cache.get('k', load)]);
    expect(values).toEqual([1, 1, 1]);
    expect(loads).toBe(1);
  });

  it('does not keep a failed load', async () => {
    const cache = new TtlCache<string, number>(1000);
    await expect(cache.get('k', () => Promise.reject(new Error('db down')))).rejects.toThrow('db down');
    expect(await cache.get('k', async () => 7)).toBe(7);
  });

  it('keeps at most maxEntries keys, dropping the oldest', async () => {
    const cache = new TtlCache<number, number>(1000, 3);
    for (let i = 0; i < 10; i += 1) await cache.get(i, async () => i);
    expect(cache.size).toBe(3);
    let reloaded = false;
    await cache.get(0, async () => {
      reloaded = true;
      return 0;
    });
    expect(reloaded).toBe(true);
  });
});
