// Browser journeys and bundle loads take seconds, not milliseconds (Jest's default is 5 s; the
// per-project `testTimeout` option is not applied to projects, so it is set here).
jest.setTimeout(90_000);
