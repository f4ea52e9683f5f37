import assert from 'node:assert/strict';
import { test } from 'node:test';
import { inertMarkdownLinks, markdownToText, renderMarkdown } from './markdown.ts';

test('Markdown renders, and script, event handlers, javascript: links and images do not survive', () => {
  const html = renderMarkdown(
    '# Title\n\n**bold** [x](javascript:alert(1)) <script>alert(1)</script> <img src=x onerror=alert(1)> ![i](http://evil/x.png) [ok](https://example.org)',
  );
  assert.match(html, /<h2>Title<\/h2>/);
  assert.match(html, /<strong>bold<\/strong>/);
  assert.match(html, /<a href="https:\/\/example.org" rel="nofollow noopener ugc">ok<\/a>/);
  assert.doesNotMatch(html, /<script|<img|<[^>]*onerror|href="javascript/);
  assert.match(html, /&lt;script&gt;/, 'raw HTML is shown as text');
  assert.equal(markdownToText('Hello *world*'), 'Hello world');
});

test('rendering is remembered by source: an edited source renders anew, and eviction keeps answers right', () => {
  const first = renderMarkdown('Context **v1**');
  assert.equal(renderMarkdown('Context **v1**'), first);
  assert.match(renderMarkdown('Context **v2**'), /<strong>v2<\/strong>/);
  // Push well past the cache's bound with distinct sources, then ask again for each kind.
  const filler = 'x'.repeat(100_000);
  for (let i = 0; i < 60; i++)
    assert.match(renderMarkdown(`${i} ${filler}`), new RegExp(`^<p>${i} x`));
  assert.equal(renderMarkdown('Context **v1**'), first);
  assert.match(renderMarkdown(`0 ${filler}`), /^<p>0 x+<\/p>\n$/);
});

test('links other than http(s), mailto and this site render as the text they were written as', () => {
  const html = renderMarkdown(
    '[a](smb://h/s) [b](ms-msdt:x) [c](\\\\h\\s) [d](//h/x) <file:///etc/passwd> [e](data:text/html,x) [ok](/submissions/1) https://example.org',
  );
  assert.deepEqual(
    [...html.matchAll(/href="([^"]*)"/g)].map((m) => m[1]),
    ['/submissions/1', 'https://example.org'],
  );
  assert.match(html, /\[a\]\(smb:\/\/h\/s\)/);
});

test('a Markdown file keeps its allowed links and escapes only what made a refused one a link', () => {
  const clean = 'A [site](https://example.org) and `[code](smb://x)` and \\[escaped\\].\n';
  assert.equal(inertMarkdownLinks(clean), clean, 'nothing refused, nothing changed');
  assert.equal(
    inertMarkdownLinks('[ok](https://example.org) [no](smb://h/s) <smb://h/a>\n'),
    '[ok](https://example.org) [no\\](smb://h/s) \\<smb://h/a>\n',
  );
  // A reference link: the line using it loses its link syntax; the unused definition links nothing.
  assert.equal(
    inertMarkdownLinks('See [it][r].\n\n[r]: ms-msdt:x\n'),
    'See \\[it\\]\\[r\\].\n\n[r]: ms-msdt:x\n',
  );
});
