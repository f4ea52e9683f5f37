// The opinion map as server-rendered SVG: anonymous points coloured *and* shaped by opinion group
// (shape carries the group for people who do not see the colours), group letters at the centres,
// and a <title>/<desc> pair; the page puts a table with the same facts right after it.
import type { JSX } from 'preact';
import type { Translate } from '../../i18n/i18n.ts';

const WIDTH = 480;
const HEIGHT = 320;
const PAD = 24;
/** Beyond this, a regular sample of the (value-sorted) points is drawn; the description says so. */
export const MAX_POINTS = 1500;
// Okabe–Ito colours: distinguishable with the common colour-vision deficiencies.
const COLOURS = ['#0072b2', '#d55e00', '#009e73', '#cc79a7', '#e69f00'];
const UNGROUPED = '#767676';

export function groupLetter(id: number): string {
  return String.fromCharCode(65 + id);
}

function mark(group: number, x: number, y: number): JSX.Element {
  const fill = group >= 0 ? (COLOURS[group % COLOURS.length] ?? UNGROUPED) : 'none';
  const stroke = group >= 0 ? '#1b1f24' : UNGROUPED;
  const r = 4;
  switch (group) {
    case 1:
      return (
        <rect
          x={x - r}
          y={y - r}
          width={2 * r}
          height={2 * r}
          fill={fill}
          stroke={stroke}
          stroke-width="0.6"
        />
      );
    case 2:
      return (
        <polygon
          points={`${x},${y - r - 1} ${x + r + 1},${y + r} ${x - r - 1},${y + r}`}
          fill={fill}
          stroke={stroke}
          stroke-width="0.6"
        />
      );
    case 3:
      return (
        <polygon
          points={`${x},${y - r - 1} ${x + r + 1},${y} ${x},${y + r + 1} ${x - r - 1},${y}`}
          fill={fill}
          stroke={stroke}
          stroke-width="0.6"
        />
      );
    case 4:
      return (
        <path
          d={`M${x - r},${y - r}L${x + r},${y + r}M${x - r},${y + r}L${x + r},${y - r}`}
          stroke={fill}
          stroke-width="2.5"
        />
      );
    default:
      return (
        <circle
          cx={x}
          cy={y}
          r={group >= 0 ? r : r - 1}
          fill={fill}
          stroke={stroke}
          stroke-width={group >= 0 ? '0.6' : '1.2'}
        />
      );
  }
}

function sample<T>(points: readonly T[]): T[] {
  if (points.length <= MAX_POINTS) return [...points];
  const step = points.length / MAX_POINTS;
  return Array.from({ length: MAX_POINTS }, (_, i) => points[Math.floor(i * step)] as T);
}

export interface MapProps {
  t: Translate;
  points: Array<[number, number, number]>;
  groups: Array<{ id: number; centre: [number, number] }>;
}

export function OpinionMapSvg({ t, points, groups }: MapProps) {
  // A loop, not Math.min(...xs): spreading 100,000 points would overflow the call stack.
  let [minX, maxX, minY, maxY] = [Infinity, -Infinity, Infinity, -Infinity];
  for (const [x, y] of points)
    [minX, maxX, minY, maxY] = [
      Math.min(minX, x),
      Math.max(maxX, x),
      Math.min(minY, y),
      Math.max(maxY, y),
    ];
  const sx = (x: number) => PAD + ((x - minX) / (maxX - minX || 1)) * (WIDTH - 2 * PAD);
  const sy = (y: number) => HEIGHT - PAD - ((y - minY) / (maxY - minY || 1)) * (HEIGHT - 2 * PAD);
  const drawn = sample(points);
  const desc =
    t('delib.map.desc', { participants: points.length, groups: groups.length }) +
    (drawn.length < points.length ? ` ${t('delib.map.sampled', { drawn: drawn.length })}` : '');
  return (
    <svg
      class="opinion-map"
      viewBox={`0 0 ${WIDTH} ${HEIGHT}`}
      role="img"
      aria-labelledby="map-title map-desc"
      xmlns="http://www.w3.org/2000/svg"
    >
      <title id="map-title">{t('delib.map.title')}</title>
      <desc id="map-desc">{desc}</desc>
      <rect x="0.5" y="0.5" width={WIDTH - 1} height={HEIGHT - 1} fill="none" stroke="#767676" />
      <g>{drawn.map(([x, y, g]) => mark(g, sx(x), sy(y)))}</g>
      <g font-size="18" font-weight="700" text-anchor="middle">
        {groups.map((g) => (
          <text
            x={sx(g.centre[0])}
            y={sy(g.centre[1]) - 10}
            fill="#1b1f24"
            stroke="#ffffff"
            stroke-width="3"
            paint-order="stroke"
          >
            {groupLetter(g.id)}
          </text>
        ))}
      </g>
    </svg>
  );
}

/** A small legend swatch of the group's mark, for the table beside the map. */
export function GroupSwatch({ id }: { id: number }) {
  return (
    <svg class="swatch" viewBox="0 0 12 12" width="12" height="12" aria-hidden="true">
      {mark(id, 6, 6)}
    </svg>
  );
}
