// Shapes shared by the synthesis functions. Inputs are generic (a submission, a comment, a
// statement); every output item carries the ids of the inputs it came from.

export interface SynthesisInput {
  id: string;
  text: string;
  /** ISO 639-1 (or a BCP 47 tag); detected when absent. */
  language?: string;
  stakeholderGroup?: string;
  region?: string;
  /** A Date or an ISO 8601 string. */
  createdAt?: Date | string;
  /**
   * Where the input stands in the canonical order the clustering starts from (by default its
   * id). Callers whose ids are random pass a key taken from the content, so that the same texts
   * give the same themes whatever ids they were given.
   */
  orderKey?: string;
}

export interface Quote {
  text: string;
  sourceIds: string[];
  /** For diversity only: callers decide whether a quote may be attributed (chatham_house). */
  stakeholderGroup?: string;
  /** Cosine to the theme centroid. */
  centrality: number;
}

export interface TimeBucket {
  /** Start of the bucket, YYYY-MM-DD. */
  start: string;
  /** Share of the bucket's inputs that fall in the theme. */
  weight: number;
  count: number;
}

export interface ThemeWeights {
  /** Share of all inputs. */
  overall: number;
  /** Share of each stakeholder group's inputs. */
  byGroup: Record<string, number>;
  byRegion: Record<string, number>;
  overTime: TimeBucket[];
}

export interface Theme {
  id: string;
  /** A few key terms, most characteristic first. */
  label: string;
  keyTerms: string[];
  /** The member sentence nearest the theme centre. */
  centralSentence: { text: string; sourceIds: string[] } | undefined;
  sourceIds: string[];
  weights: ThemeWeights;
  quotes: Quote[];
}

export interface Recommendation {
  text: string;
  language: string;
  /** Near-identical prescriptive sentences are merged: all their inputs are listed. */
  sourceIds: string[];
  themeId: string | undefined;
}

export interface DuplicateGroup {
  /** The earliest id (in id order) stands for the group. */
  representativeId: string;
  sourceIds: string[];
}

export interface Synthesis {
  themes: Theme[];
  recommendations: Recommendation[];
  duplicates: DuplicateGroup[];
  /** Inputs with no word to analyse (empty, emoji only…). */
  unthemedIds: string[];
  languages: Record<string, number>;
}
