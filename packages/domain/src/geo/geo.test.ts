import { booleanPointInPolygon } from '@turf/boolean-point-in-polygon';
import { describe, expect, it } from 'vitest';
import { GridIndex, bboxOf, centroidOf, type GridFeature, type PolygonGeometry } from './index.ts';

function rect(x0: number, y0: number, x1: number, y1: number): number[][] {
  return [
    [x0, y0],
    [x1, y0],
    [x1, y1],
    [x0, y1],
    [x0, y0],
  ];
}

function feature(id: string, boundary: PolygonGeometry): GridFeature {
  return { id, townId: 't', villageId: 'v', boundary };
}

const A = feature('A', { type: 'Polygon', coordinates: [rect(0, 0, 1, 1)] });
const B = feature('B', { type: 'Polygon', coordinates: [rect(1, 0, 2, 1)] });
const C = feature('C', { type: 'MultiPolygon', coordinates: [[rect(3, 0, 4, 1)], [rect(5, 0, 6, 1)]] });
// D has a hole that E fills exactly.
const D = feature('D', { type: 'Polygon', coordinates: [rect(0, 2, 3, 5), rect(1, 3, 2, 4).reverse()] });
const E = feature('E', { type: 'Polygon', coordinates: [rect(1, 3, 2, 4)] });
// A triangle, for edges that are neither horizontal nor vertical.
const T = feature('T', {
  type: 'Polygon',
  coordinates: [
    [
      [7, 0],
      [9, 0],
      [7, 2],
      [7, 0],
    ],
  ],
});
const all = [A, B, C, D, E, T];
const index = new GridIndex(all);

describe('GridIndex.locate', () => {
  it('finds the polygon a point is inside', () => {
    expect(index.locate(0.5, 0.5)?.id).toBe('A');
    expect(index.locate(1.5, 0.5)?.id).toBe('B');
    expect(index.locate(7.5, 0.5)?.id).toBe('T');
    expect(index.size).toBe(6);
  });
  it('returns null outside every polygon', () => {
    expect(index.locate(2.5, 0.5)).toBeNull();
    expect(index.locate(-1, 0)).toBeNull();
    expect(index.locate(8.5, 1.5)).toBeNull(); // inside T's bbox, outside the triangle
  });
  it('counts boundary points as inside; a shared edge goes to the feature given first', () => {
    expect(index.locate(1, 0.5)?.id).toBe('A');
    expect(new GridIndex([B, A]).locate(1, 0.5)?.id).toBe('B');
    expect(index.locate(0, 0.5)?.id).toBe('A'); // outer vertical edge
    expect(index.locate(0.5, 1)?.id).toBe('A'); // horizontal edge
    expect(index.locate(0, 0)?.id).toBe('A'); // vertex
    expect(index.locate(1, 1)?.id).toBe('A'); // shared vertex
    expect(index.locate(8, 1)?.id).toBe('T'); // on the diagonal
    expect(index.locate(9, 0)?.id).toBe('T'); // acute vertex
  });
  it('handles MultiPolygons', () => {
    expect(index.locate(3.5, 0.5)?.id).toBe('C');
    expect(index.locate(5.5, 0.5)?.id).toBe('C');
    expect(index.locate(4.5, 0.5)).toBeNull();
  });
  it('handles holes', () => {
    expect(index.locate(1.5, 3.5)?.id).toBe('E');
    expect(index.locate(0.5, 2.5)?.id).toBe('D');
    expect(new GridIndex([D]).locate(1.5, 3.5)).toBeNull();
  });
  it('an empty index finds nothing', () => {
    expect(new GridIndex([]).locate(0, 0)).toBeNull();
  });
  it('agrees with turf on random points', () => {
    let seed = 42;
    const random = (): number => {
      seed = (seed * 1_103_515_245 + 12_345) % 2_147_483_648;
      return seed / 2_147_483_648;
    };
    for (let k = 0; k < 5_000; k++) {
      const x = -0.5 + random() * 10;
      const y = -0.5 + random() * 6;
      const expected = all.find((f) => booleanPointInPolygon([x, y], f.boundary as never))?.id ?? null;
      expect(index.locate(x, y)?.id ?? null).toBe(expected);
    }
  });
});

describe('bboxOf and centroidOf', () => {
  it('bbox of a Polygon and a MultiPolygon', () => {
    expect(bboxOf(A.boundary)).toEqual([0, 0, 1, 1]);
    expect(bboxOf(C.boundary)).toEqual([3, 0, 6, 1]);
  });
  it('centroid of a square, in either orientation', () => {
    expect(centroidOf(A.boundary)).toEqual([0.5, 0.5]);
    const clockwise: PolygonGeometry = { type: 'Polygon', coordinates: [rect(0, 0, 1, 1).reverse()] };
    expect(centroidOf(clockwise)).toEqual([0.5, 0.5]);
  });
  it('centroid of a MultiPolygon weights its parts by area', () => {
    expect(centroidOf(C.boundary)).toEqual([4.5, 0.5]);
    const unequal: PolygonGeometry = { type: 'MultiPolygon', coordinates: [[rect(0, 0, 1, 1)], [rect(2, 0, 4, 1)]] };
    const [x, y] = centroidOf(unequal);
    expect(x).toBeCloseTo((0.5 * 1 + 3 * 2) / 3, 12);
    expect(y).toBeCloseTo(0.5, 12);
  });
  it('centroid subtracts holes', () => {
    const holed: PolygonGeometry = { type: 'Polygon', coordinates: [rect(0, 0, 4, 4), rect(1, 1, 2, 2).reverse()] };
    const [x, y] = centroidOf(holed);
    expect(x).toBeCloseTo((16 * 2 - 1 * 1.5) / 15, 12);
    expect(y).toBeCloseTo((16 * 2 - 1 * 1.5) / 15, 12);
  });
  it('centroid is precise at real-world coordinates', () => {
    const g: PolygonGeometry = { type: 'Polygon', coordinates: [rect(121.3, 28.3, 121.31, 28.31)] };
    const [x, y] = centroidOf(g);
    expect(x).toBeCloseTo(121.305, 9);
    expect(y).toBeCloseTo(28.305, 9);
  });
});
