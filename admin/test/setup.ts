/**
 * jsdom lacks a few browser APIs the design system (Radix) relies on; these stand-ins do nothing,
 * which is what a test without layout needs.
 */
import '@testing-library/jest-dom';

class NoopObserver {
  observe() {}
  unobserve() {}
  disconnect() {}
  takeRecords() {
    return [];
  }
}
const g = globalThis as any;
g.ResizeObserver ??= NoopObserver;
g.IntersectionObserver ??= NoopObserver;
g.matchMedia ??= (query: string) => ({
  matches: false,
  media: query,
  onchange: null,
  addListener() {},
  removeListener() {},
  addEventListener() {},
  removeEventListener() {},
  dispatchEvent: () => false,
});
// Browsers have structuredClone (react-querybuilder clones rules with it); jest's jsdom does not expose Node's.
// A JSON copy made in the test's realm keeps plain objects plain (Node's would fail instanceof-style checks),
// and filter trees are JSON anyway.
g.structuredClone ??= (value: unknown) => JSON.parse(JSON.stringify(value));
const proto = g.Element?.prototype;
if (proto) {
  proto.scrollIntoView ??= function scrollIntoView() {};
  proto.hasPointerCapture ??= () => false;
  proto.setPointerCapture ??= () => undefined;
  proto.releasePointerCapture ??= () => undefined;
}
