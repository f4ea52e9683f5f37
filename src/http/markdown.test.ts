import assert from 'node:assert/strict';
import { test } from 'node:test';
import { markdownToText, renderMarkdown } from './markdown.ts';

test('Markdown renders, and script, event handlers, javascript: links and images do not survive', () => {
  const html = renderMarkdown('# Title\n\n**bold** [x](javascript:alert(1)) <script>alert(1)</script> <img src=x onerror=alert(1)> ![i](http://evil/x.png) [ok](https://example.org)');
  assert.match(html, /<h2>Title<\/h2>/);
  assert.match(html, /<strong>bold<\/strong>/);
  assert.match(html, /<a href="https:\/\/example.org" rel="nofollow noopener ugc">ok<\/a>/);
  assert.doesNotMatch(html, /<script|<img|<[^>]*onerror|href="javascript/);
  assert.match(html, /&lt;script&gt;/, "raw HTML is shown as text");
  assert.equal(markdownToText('Hello *world*'), 'Hello world');
});
