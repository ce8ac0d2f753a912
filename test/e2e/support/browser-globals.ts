/**
 * The little of the DOM that code run in the page through `page.evaluate` uses. The test tree is
 * compiled without the DOM library (it is Node code), so that code reads these from `globalThis`:
 * `const { document } = globalThis as unknown as BrowserGlobals;`
 */
export interface PageElement {
  tagName: string;
  id: string;
  textContent: string | null;
  getAttribute(name: string): string | null;
  matches(selector: string): boolean;
  focus(): void;
  /** Form controls only. */
  labels?: ArrayLike<{ textContent: string | null }> | null;
  checked?: boolean;
  selectedOptions?: ArrayLike<{ textContent: string | null }>;
}

export interface BrowserGlobals {
  document: {
    activeElement: PageElement | null;
    body: PageElement;
    querySelector(selector: string): PageElement | null;
  };
  getComputedStyle(element: PageElement): { outlineStyle: string; outlineWidth: string; boxShadow: string };
}
