// @mapboard/server/testing: what tests need to run this server for real. Only tests import this entry point;
// test helpers that speak to a running server over its protocol live in @mapboard/test-kit.
export { startServer } from './startServer.ts'
export type { StartServerOptions, TestServer } from './startServer.ts'
