// Hooks and tests that build an app seed a database first: a few hundred ms on an idle machine, but
// several seconds when the machine is shared (CI next to builds). Jest's 5 s default then fails a
// healthy suite in its beforeAll, so the bff project allows 20 s; suites that need more set their own.
jest.setTimeout(20_000);
