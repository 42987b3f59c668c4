// Makes the wasm package of a CMake wasm build importable as `latticeforge`
// for wrangler's bundler: edge/node_modules/latticeforge -> <build>/js-package
// (a symlink, refreshed on every run). wrangler.toml runs this before each
// bundle; the build directory is the first argument or LF_EDGE_BUILD,
// default build/wasm.
//
// Why not a wrangler [alias]: aliases are resolved before wrangler's module
// rules, so an aliased .wasm would be bundled as plain bytes rather than
// uploaded as a compiled module.
import { existsSync, mkdirSync, rmSync, symlinkSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { EDGE_DIR, REPO_ROOT } from './workerd_config.mjs';

const build = process.argv[2] ?? process.env.LF_EDGE_BUILD ?? 'build/wasm';
const packageDir = resolve(REPO_ROOT, build, 'js-package');
if (!existsSync(join(packageDir, 'lf_core.wasm'))) {
  console.error(`link_package: no wasm package in ${packageDir}; build it first:`);
  console.error(`  cmake --preset wasm -B ${build}`);
  console.error(`  cmake --build ${build} --target lf_js_package`);
  process.exit(1);
}
const link = join(EDGE_DIR, 'node_modules', 'latticeforge');
mkdirSync(join(EDGE_DIR, 'node_modules'), { recursive: true });
rmSync(link, { recursive: true, force: true });
symlinkSync(packageDir, link, 'dir');
console.log(`link_package: latticeforge -> ${packageDir}`);
