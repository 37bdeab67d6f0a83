// Types of kyoto-widgets' JS API (the loader kyoto.js).

/** Which widget to mount. */
export type WidgetKind = 'pillar-chart' | 'paragraph-browser' | 'indicators' | 'reporting';

/**
 * Options of mount(): `kind`, and every attribute the widgets read, set on
 * the element (an attribute, not its data- twin) before the widget is made.
 * Each may also be given as an attribute (or data- attribute).
 */
export interface MountOptions {
  kind?: WidgetKind;
  /** URL of a JSON or CSV export; absent = the embedded sample. */
  src?: string;
  /** Pillar chart: 'coverage' | 'status' | 'timeline'; with progress, 'reporting' | 'indicators'. */
  view?: 'coverage' | 'status' | 'timeline' | 'reporting' | 'indicators';
  /**
   * Pillar chart and paragraph browser: URL of progress data, its digest
   * (`kyoto digest`) or the tables (a workbook, JSON, CSV), for the States
   * reporting and the indicators.
   */
  progress?: string;
  /**
   * One pillar ('I' to 'IV', or '1' to '4'): the pillar chart starts drilled
   * into it, the indicators list its indicators only, the reporting widget
   * counts it.
   */
  pillar?: 'I' | 'II' | 'III' | 'IV' | '1' | '2' | '3' | '4';
  /** 'light' | 'dark' | 'high-contrast' | 'projector'. */
  theme?: 'light' | 'dark' | 'high-contrast' | 'projector';
  /** ar, en, es, fr, ru or zh (else the page's lang, else English). */
  lang?: string;
  height?: string | number;
  /** Re-fetch `src` every N seconds. */
  poll?: string | number;
  /** Name of a BroadcastChannel on which same-origin pages push new data. */
  channel?: string;
  /** Reporting: the cycle shown (one of the data's, '2026'); else the latest. */
  cycle?: string | number;
  /** Reporting: the day reports are judged on ('2026-06-30'); else today. Also 'as-of'. */
  asOf?: string;
  'as-of'?: string;
  /**
   * Reporting: count every answer, not only the published ones. true sets the
   * attribute, false removes it. Also 'all-statuses'.
   */
  allStatuses?: boolean;
  'all-statuses'?: boolean;
  /** Indicators: the area shown first (ISO 3166-1 alpha-3 'ROU', or a region '001'). */
  area?: string;
  /** Indicators: the breakdown shown first ('sex=female'; 'total'). */
  breakdown?: string;
  /** Indicators: the indicator drilled into ('I-1'). */
  indicator?: string;
}

/**
 * The handle of a mounted widget. Its events are dispatched once the widget
 * has finished the change that fired them: a listener may call any method of
 * the handle (destroy() too) and change the widget's attributes.
 */
export interface WidgetHandle {
  /** Shows new data: CSV or JSON text, bytes, or an object in the export format. */
  update(data: string | Uint8Array | ArrayBuffer | object): void;
  /** The data shown: activities, rowsRead, errors, warnings, title, updated, problems (as in kyoto:loaded). */
  detail(): { activities: number; rowsRead: number; errors: number; warnings: number; title?: string; updated?: string; problems: object[] };
  /** Redraws. */
  render(): void;
  /** Removes every listener, observer and timer the widget made. */
  destroy(): void;
  /** Frees the handle's memory (after destroy()). */
  free(): void;
}

/** The handle of a pillar chart. */
export interface PillarChartHandle extends WidgetHandle {
  /** The drill-down level: 'overview', 'pillar:II' or 'theme:II:3'. */
  level(): string;
  /** The numbers shown, as CSV. */
  tableCsv(): string;
  /**
   * Shows the chart as its attributes describe it: the view of `view`, the
   * level of `pillar`, every status (the legend's filters cleared), no bar
   * focused, the table folded. Nothing happens before `handle.ready`: the
   * chart is then made from its attributes.
   */
  reset(): void;
  /** The bars of the view in CSS pixels relative to the canvas. */
  barRects(): { label: string; x: number; y: number; width: number; height: number }[];
  /** The plotting area in CSS pixels relative to the canvas. */
  plotRect(): { x: number; y: number; width: number; height: number };
}

/** The handle of a paragraph browser. */
export interface ParagraphBrowserHandle extends WidgetHandle {
  /** The search and filters, as the URL hash writes them (without '#'). */
  query(): string;
  /** Sets the search and filters from a hash string ('q=cybercrime&pillar=IV', 'para-27'); whether it was understood. */
  setQuery(hash: string): boolean;
  /** Expands a paragraph and scrolls it into view. */
  open(paragraph: number): void;
  /**
   * Shows the browser as its attributes describe it: the pillar of `pillar`
   * and no other search or filter, every paragraph folded (with `sync-hash`,
   * a new entry of the page's history). Nothing happens before `handle.ready`.
   */
  reset(): void;
}

/** The handle of <kyoto-indicators>. */
export interface IndicatorsHandle extends WidgetHandle {
  /** What is shown: 'overview' or 'indicator:I-1'. */
  view(): string;
  /** Each indicator shown with its status ('on-track', 'moderate', 'stagnation-or-regression', or null when not assessed) and latest value. */
  statuses(): { id: string; pillar: string; status: string | null; latest?: number; period?: string }[];
  /** The indicator rows in CSS pixels relative to the canvas (overview only). */
  rowRects(): { id: string; x: number; y: number; width: number; height: number }[];
  /** Shows an indicator's drill-down; null or '' returns to the overview. */
  open(indicator: string | null): void;
}

/** The handle of a <kyoto-reporting> widget. */
export interface ReportingHandle extends WidgetHandle {
  /** The view shown: 'overview', 'map', 'table' or 'questions'. */
  view(): string;
  /** The figures shown: the cycle, the pillar chosen (or null), per pillar
   * [States answering, States reporting, on time, late, answers only], the
   * areas per report status, and each area's status. */
  figures(): {
    cycle: string; pillar: string | null;
    pillars: Record<'I' | 'II' | 'III' | 'IV', [number, number, number, number, number]>;
    statuses: Record<'on-time' | 'late' | 'not-yet-due' | 'missing' | 'answered-only' | 'no-data', number>;
    areas: Record<string, string>;
  };
  /** The map's tiles in CSS pixels relative to the canvas (map view only). */
  tileRects(): { area: string; status: string; x: number; y: number; w: number; h: number }[];
  /** The table of the view shown, as CSV, as its download writes it (numbers in plain digits, dates as 2026-03-31). */
  tableCsv(): string;
  /**
   * Shows the widget as its attributes describe it: the view of `view`
   * (which the view buttons write), the cycle of `cycle` (else the latest),
   * the pillar of `pillar` (else all), the table unsorted and unfiltered,
   * no tile focused, the tables under the charts folded; the live region
   * says what is shown. Nothing happens before `handle.ready`.
   */
  reset(): void;
}

/** A problem found in the data: the row as the spreadsheet numbers it, the column, the value, the rule. */
export interface Problem { message: string; rule: string; row?: number; column?: string; value?: string }

/** detail of kyoto:loaded and kyoto:updated. */
export interface LoadedDetail { activities: number; rowsRead: number; errors: number; warnings: number; problems: Problem[] }

/** detail of kyoto:select. */
export type SelectDetail =
  /** The chart gone back up to its overview (Escape, its breadcrumb); going up to a pillar or theme is said as that pillar or theme. */
  | { kind: 'overview' }
  | { kind: 'pillar'; pillar: string }
  | { kind: 'theme'; pillar: string; theme: number; heading: string }
  | { kind: 'paragraph'; paragraph: number }
  | { kind: 'part'; part: 'declaratory' | 'follow-up' }
  /** <kyoto-indicators>: what its menus (or attributes) chose; pillar null for every pillar. */
  | { pillar: 'I' | 'II' | 'III' | 'IV' | null; area: string; breakdown: string };

/** detail of kyoto:error. */
export interface ErrorDetail {
  message: string;
  problems?: Problem[];
  /** The widget shows data older than the source (a poll failed). */
  stale?: boolean;
  /** The code panicked (a bug): the widget shows a Restart button; see recover(). */
  panic?: boolean;
}

/** detail of kyoto:export: the name of the file downloaded (PNG, SVG or CSV of the view shown). */
export interface ExportDetail { file: string }

declare global {
  interface HTMLElementEventMap {
    'kyoto:loaded': CustomEvent<LoadedDetail>;
    'kyoto:updated': CustomEvent<LoadedDetail>;
    'kyoto:select': CustomEvent<SelectDetail>;
    'kyoto:error': CustomEvent<ErrorDetail>;
    'kyoto:export': CustomEvent<ExportDetail>;
  }
}

/** Mounts a widget into any element. */
export declare function mount(element: HTMLElement, options?: MountOptions): WidgetHandle;
/** Destroys the widget mounted on an element. */
export declare function unmount(element: HTMLElement): void;
/** Resolves when the WebAssembly is loaded and the custom elements are registered. */
export declare const ready: Promise<void>;
/**
 * Makes a fresh WebAssembly instance and mounts every widget again from its
 * attributes (what a widget's Restart button does after a panic). Handles
 * taken before are dead afterwards: use element.handle or mount() again.
 */
export declare function recover(): Promise<void>;
/** For tests of the failure path only: the next chart redraw panics. */
export declare function panicForTesting(module?: string | null): void;
/**
 * Loads the module of a widget kind ahead of time (mount() loads it when
 * needed): for a chart or a browser, the one that reads the format `src`
 * names (.json, .csv), as mount() with that src would choose it; without
 * `src`, the one that reads both.
 */
export declare function preload(kind: WidgetKind, src?: string | null): Promise<void>;
/** The WebAssembly instances in use: module name → bytes of memory and length of the reference table. */
export declare function instances(): Record<string, { memory: number; refs: number }>;
/** [downloads of src URLs, parses of them] on this page. */
export declare function loadCounts(): [number, number];

/** What renderComparison() found. */
export interface Comparison {
  added: number;
  removed: number;
  statusChanged: number;
  edited: number;
  /** Paragraphs cited by an activity that was added, removed or changed. */
  paragraphs: number[];
  /** The validation reports of the two exports (as in kyoto:loaded). */
  before: object;
  after: object;
}

/**
 * Shows in `element` (its shadow root) what moved from the export `before` to
 * `after` (CSV or JSON text, bytes, or export objects), per pillar. Throws,
 * and shows why in the element, when an export cannot be read.
 */
export function renderComparison(
  element: HTMLElement,
  before: string | Uint8Array | ArrayBuffer | object,
  after: string | Uint8Array | ArrayBuffer | object,
  options?: { lang?: string; beforeName?: string; afterName?: string },
): Promise<Comparison>;
