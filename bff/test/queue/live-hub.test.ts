// LiveHub (queue/live.ts) without a database: what a change costs and what each client is sent.
// The renderer is a counter, so the test sees how often an office is rendered for how many clients.
import { LiveHub, MIN_INTERVAL_MS, type LiveRenderer } from '../../src/queue/live';

const OFFICE = 'office-1';

function countingRenderer() {
  let version = 0;
  const calls: Array<readonly string[]> = [];
  const render: LiveRenderer = async (_officeId, topics) => {
    calls.push(topics);
    return new Map(topics.map((topic) => [topic, `${topic}@${version}`]));
  };
  return { render, calls, bump: () => (version += 1) };
}

interface Received {
  message: string;
  at: number;
}

async function until(check: () => boolean, ms = 5000): Promise<void> {
  const end = Date.now() + ms;
  while (!check()) {
    if (Date.now() > end) throw new Error('timed out');
    await new Promise((r) => setTimeout(r, 10));
  }
}

describe('LiveHub', () => {
  let hub: LiveHub;
  afterEach(async () => hub.close());

  it('renders an office once per change for all its clients, however many, and shares one first rendering', async () => {
    const renderer = countingRenderer();
    hub = new LiveHub(null, renderer.render);
    const inbox: Received[][] = Array.from({ length: 200 }, () => []);
    inbox.forEach((box, i) => hub.subscribe({ officeId: OFFICE, topic: i % 2 === 0 ? 'board' : 'ticket:t1', send: (message) => box.push({ message, at: Date.now() }) }));
    await until(() => inbox.every((box) => box.length === 1));
    // 200 clients connecting at once: one first rendering per topic, not one per client.
    expect(renderer.calls).toHaveLength(2);

    renderer.bump();
    hub.publish(OFFICE);
    await until(() => inbox.every((box) => box.length === 2));
    expect(renderer.calls).toHaveLength(3);
    expect([...renderer.calls[2]!].sort()).toEqual(['board', 'ticket:t1']);
    expect(inbox[0]![1]!.message).toBe('board@1');
    expect(inbox[1]![1]!.message).toBe('ticket:t1@1');
  });

  it('sends a client at most one message a second, the latest, and never repeats its last message', async () => {
    const renderer = countingRenderer();
    hub = new LiveHub(null, renderer.render);
    const box: Received[] = [];
    hub.subscribe({ officeId: OFFICE, topic: 'board', send: (message) => box.push({ message, at: Date.now() }) });
    await until(() => box.length === 1);

    // Nothing changed that a board shows: no message.
    hub.publish(OFFICE);
    await new Promise((r) => setTimeout(r, MIN_INTERVAL_MS + 300));
    expect(box).toHaveLength(1);

    // A burst of five changes: coalesced, the last state arrives, never two within a second.
    for (let i = 0; i < 5; i += 1) {
      renderer.bump();
      hub.publish(OFFICE);
      await new Promise((r) => setTimeout(r, 100));
    }
    await until(() => box[box.length - 1]!.message === 'board@5');
    await new Promise((r) => setTimeout(r, MIN_INTERVAL_MS + 300));
    expect(box[box.length - 1]!.message).toBe('board@5');
    expect(box.length).toBeLessThanOrEqual(3);
    for (let i = 1; i < box.length; i += 1) expect(box[i]!.at - box[i - 1]!.at).toBeGreaterThanOrEqual(MIN_INTERVAL_MS - 10);
  });

  it('stops rendering an office when its last client leaves', async () => {
    const renderer = countingRenderer();
    hub = new LiveHub(null, renderer.render);
    const leave = hub.subscribe({ officeId: OFFICE, topic: 'board', send: () => undefined });
    await until(() => renderer.calls.length === 1);
    leave();
    expect(hub.subscriberCount).toBe(0);
    hub.publish(OFFICE);
    await new Promise((r) => setTimeout(r, MIN_INTERVAL_MS + 200));
    expect(renderer.calls).toHaveLength(1);
  });
});
