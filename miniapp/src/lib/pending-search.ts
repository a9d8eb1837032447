// A search typed on 首页 is carried to 办事 here: both are tab pages, and switchTab takes no query.
let pending: string | null = null;

export function setPendingSearch(query: string): void {
  pending = query;
}

export function takePendingSearch(): string | null {
  const query = pending;
  pending = null;
  return query;
}
