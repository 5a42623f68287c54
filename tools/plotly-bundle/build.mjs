// Build dashboard/assets/plotly-sovai.min.js: plotly.js core (with scatter) + bar, heatmap and
// choropleth, with the options of plotly.js's own esbuild-config.js (its `esbuildConfig`), minified.
// Usage: npm ci && node build.mjs [OUTPUT.min.js]   (see README.md)
import { build } from 'esbuild';
import { environmentPlugin } from 'esbuild-plugin-environment';
import { glsl } from 'esbuild-plugin-glsl';
import InlineCSSPlugin from 'esbuild-plugin-inline-css';
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';

const out = process.argv[2] || '../../dashboard/assets/plotly-sovai.min.js';
const version = JSON.parse(readFileSync('node_modules/plotly.js/package.json', 'utf8')).version;

const result = await build({
    entryPoints: ['./index-sovai.cjs'],
    format: 'iife',
    globalName: 'Plotly',
    bundle: true,
    minify: true,
    sourcemap: false,
    plugins: [InlineCSSPlugin(), glsl({ minify: true }), environmentPlugin({ NODE_DEBUG: false })],
    alias: { regl: '@plotly/regl', stream: 'stream-browserify' },
    define: { global: 'window', 'define.amd': 'false' },
    target: 'es2016',
    legalComments: 'eof',
    metafile: true,
    write: false,
    logLevel: 'info',
});

const banner = `/**
* plotly.js v${version} partial bundle for sovai: traces scatter, bar, heatmap, choropleth
* Copyright 2012-2026, Plotly, Inc. All rights reserved. Licensed under the MIT license
* Built by tools/plotly-bundle/build.mjs; licences: plotly-sovai.LICENSE.txt
*/
`;
// the inline-CSS plugin names its <style> element after a hash of the CSS file's absolute path;
// a fixed name makes the output the same wherever node_modules lies
let code = result.outputFiles[0].text;
const styleIds = new Set([...code.matchAll(/getElementById\("([0-9a-f]{64})"\)/g)].map((m) => m[1]));
for (const [k, id] of [...styleIds].entries()) code = code.replaceAll(id, `plotly-sovai-css-${k}`);
writeFileSync(out, banner + code);

// every npm package that ended up in the bundle, with its declared licence and licence text
const packages = new Map();
const bundled = result.metafile.outputs[Object.keys(result.metafile.outputs)[0]].inputs;
for (const input of Object.keys(bundled)) {
    const match = input.match(/node_modules\/((?:@[^/]+\/)?[^/]+)\//g);
    if (!match) continue;
    const dir = match.join('').replace(/\/$/, '');
    const meta = JSON.parse(readFileSync(`${dir}/package.json`, 'utf8'));
    const file = readdirSync(dir).find((f) => /^(licen[cs]e|copying)/i.test(f));
    const text = file ? readFileSync(`${dir}/${file}`, 'utf8').trim() : '(no licence file in the package)';
    packages.set(meta.name, { line: `${meta.name} ${meta.version}: ${meta.license || '?'}`, text });
}
const names = [...packages.keys()].sort();
const licence = [
    'dashboard/assets/plotly-sovai.min.js is a partial build of plotly.js ' + version +
    ' (tools/plotly-bundle). It bundles these npm packages (name, version, declared licence):',
    '', ...names.map((n) => '  ' + packages.get(n).line), '',
    ...names.map((n) => `=== ${packages.get(n).line}\n\n${packages.get(n).text}\n`),
].join('\n');
writeFileSync(out.replace(/\.min\.js$/, '.LICENSE.txt'), licence);
console.log(`${out}: plotly.js ${version}, ${names.length} packages`);
