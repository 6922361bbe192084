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
const proto = g.Element?.prototype;
if (proto) {
  proto.scrollIntoView ??= function scrollIntoView() {};
  proto.hasPointerCapture ??= () => false;
  proto.setPointerCapture ??= () => undefined;
  proto.releasePointerCapture ??= () => undefined;
}
