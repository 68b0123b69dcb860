import L, { type Layer, type TooltipOptions } from 'leaflet';

/*
 * Text given to the map library. Leaflet sets a string tooltip, popup or div icon as HTML (innerHTML), and the names
 * drawn on maps — towns, villages, grids, categories — are edited by users: a name such as `<img src=x onerror=…>`
 * would run as script on every map page (issue 13 §1.5). So every text reaches Leaflet here, as a DOM text node,
 * never as markup; ESLint refuses the raw calls anywhere else in the web app.
 */

/** A text as a DOM element whose only content is that text (no markup is ever parsed). */
export function textElement(text: string, className?: string): HTMLElement {
  const span = document.createElement('span');
  if (className) span.className = className;
  span.textContent = text;
  return span;
}

/** A tooltip showing `text` as text (a fresh node each time it opens). */
export function bindTextTooltip(layer: Layer, text: string, options?: TooltipOptions): void {
  layer.bindTooltip(() => textElement(text), options);
}

/** A label at a point (a permanent, non-interactive tooltip) showing `text` as text. */
export function textLabel(at: L.LatLngExpression, text: string, className: string): L.Tooltip {
  return L.tooltip({ permanent: true, direction: 'center', interactive: false, className })
    .setLatLng(at)
    .setContent(() => textElement(text));
}

/**
 * A marker icon whose content is built as DOM (never markup). Leaflet's DivIcon appends an element given as `html`,
 * which would move one shared element from marker to marker: this icon builds a fresh one for every marker.
 */
class ElementIcon extends L.DivIcon {
  readonly #build: () => HTMLElement;

  constructor(build: () => HTMLElement, options: L.DivIconOptions) {
    super(options);
    this.#build = build;
  }

  override createIcon(oldIcon?: HTMLElement): HTMLElement {
    const div = super.createIcon(oldIcon);
    div.replaceChildren(this.#build());
    return div;
  }
}

/** A round marker icon showing a number (the clusters of the event map): the count is set as text. */
export function countIcon(count: number, o: { className: string; innerClassName: string; size: number }): L.DivIcon {
  return new ElementIcon(
    () => {
      const inner = textElement(String(count), o.innerClassName);
      inner.style.width = `${o.size}px`;
      inner.style.height = `${o.size}px`;
      return inner;
    },
    { className: o.className, iconSize: [o.size, o.size] },
  );
}
