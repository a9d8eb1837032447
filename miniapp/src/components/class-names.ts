/** Joins the truthy class names: cx('a', isOn && 'b') → 'a b'. */
export function cx(...names: Array<string | false | null | undefined>): string {
  return names.filter(Boolean).join(' ');
}

/**
 * `{ id }` only when there is one: Taro's H5 renderer writes an undefined id as the text
 * "undefined", giving many elements the same id (a duplicate-id accessibility failure).
 */
export function idProps(id: string | undefined): { id?: string } {
  return id ? { id } : {};
}
