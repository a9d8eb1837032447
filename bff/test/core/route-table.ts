// The app's own route table, read back from the router (Fastify's printRoutes prints find-my-way's
// radix tree: each line one node, its text the part of the path it adds, its methods in brackets
// when a route ends there). Tests that must cover every route walk this list instead of keeping
// their own, so a route added later is covered without anyone remembering to add it.
import type { FastifyInstance } from 'fastify';

export interface RouteEntry {
  method: string;
  url: string;
}

const TREE_CHARS = new Set(['│', '├', '└', '─', ' ']);

export function routeTable(app: FastifyInstance, methods: readonly string[] = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE']): RouteEntry[] {
  const routes: RouteEntry[] = [];
  for (const method of methods) {
    const path: string[] = [];
    for (const line of app.printRoutes({ method }).split('\n')) {
      let column = 0;
      while (column < line.length && TREE_CHARS.has(line[column]!)) column += 1;
      // Blank lines, and "(empty tree)" for a method no route uses.
      if (column === 0 || column >= line.length) continue;
      const node = /^(.*?)(?: \(([A-Z, ]+)\))?$/.exec(line.slice(column))!;
      const depth = column / 4 - 1;
      path.length = depth;
      path.push(node[1]!);
      if (node[2]?.split(', ').includes(method)) routes.push({ method, url: path.join('') });
    }
  }
  return routes;
}
