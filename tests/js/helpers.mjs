// Shared by the JS package tests: where the built package is, and
// deterministic synthetic series (the test's own PRNG, so every run and every
// Node version sees the same numbers).
import { readFile } from 'node:fs/promises';
import { pathToFileURL } from 'node:url';

// The assembled package directory (build/wasm/js-package/ is what `make
// test` builds); LF_JS_PACKAGE points elsewhere, e.g. another build tree.
export const packageUrl = process.env.LF_JS_PACKAGE
  ? pathToFileURL(process.env.LF_JS_PACKAGE.replace(/\/?$/, '/'))
  : new URL('../../build/wasm/js-package/', import.meta.url);

export const dataUrl = new URL('../data/', import.meta.url);

export function importPackage() {
  return import(new URL('index.js', packageUrl).href);
}

export function readWasmBytes() {
  return readFile(new URL('lf_core.wasm', packageUrl));
}

export function readTcpdText(name) {
  return readFile(new URL(`tcpd/${name}.json`, dataUrl), 'utf8');
}

// mulberry32: a 32-bit generator with uniform doubles in [0, 1).
export function uniformSource(seed) {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

// Normal deviates N(0, sigma^2) by Box-Muller.
export function gaussianSource(seed) {
  const uniform = uniformSource(seed);
  return (sigma = 1) => {
    const u = 1 - uniform(); // (0, 1]: log(u) is finite
    const v = uniform();
    return sigma * Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
  };
}

// Calm, then squeezed, then bursting: `segments` is [[count, sigma], ...].
export function segmentedNoise(seed, segments) {
  const gaussian = gaussianSource(seed);
  const values = [];
  for (const [count, sigma] of segments) {
    for (let i = 0; i < count; i++) values.push(gaussian(sigma));
  }
  return Float64Array.from(values);
}

// The squeeze -> burst series: the burst starts at index 340.
export const BURST_START = 340;
export function squeezeThenBurst(seed = 2024) {
  return segmentedNoise(seed, [
    [300, 1],
    [40, 0.05],
    [160, 6],
  ]);
}
