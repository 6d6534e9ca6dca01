// Generated from src-tauri/src/commands.rs by `scripts/check-bindings.sh`: do not edit.
// One typed function per command; ./ipc.ts alone calls Tauri's invoke.

import type { Annotation } from "./bindings/Annotation";
import type { AnnotationDetail } from "./bindings/AnnotationDetail";
import type { AnnotationEdit } from "./bindings/AnnotationEdit";
import type { BillInfo } from "./bindings/BillInfo";
import type { DiffReport } from "./bindings/DiffReport";
import type { EndorsementState } from "./bindings/EndorsementState";
import type { Filter } from "./bindings/Filter";
import type { HistoryStep } from "./bindings/HistoryStep";
import type { ImportOptions } from "./bindings/ImportOptions";
import type { ImportReport } from "./bindings/ImportReport";
import type { NewAnnotation } from "./bindings/NewAnnotation";
import type { Node } from "./bindings/Node";
import type { Organisation } from "./bindings/Organisation";
import type { Position } from "./bindings/Position";
import type { PositionDetail } from "./bindings/PositionDetail";
import type { Reply } from "./bindings/Reply";
import type { Results } from "./bindings/Results";
import type { ReviewAction } from "./bindings/ReviewAction";
import type { ReviewItem } from "./bindings/ReviewItem";
import type { Right } from "./bindings/Right";
import type { Scorecard } from "./bindings/Scorecard";
import type { SearchOptions } from "./bindings/SearchOptions";
import type { VersionInfo } from "./bindings/VersionInfo";
import { call } from "./ipc";

/** Every bill in the workspace. */
export const listBills = (): Promise<Array<BillInfo>> =>
  call("list_bills");

/** The versions of one bill, oldest first. */
export const listVersions = (bill: string): Promise<Array<VersionInfo>> =>
  call("list_versions", { bill });

/** The structure of one version (number, label or `latest`). */
export const versionTree = (bill: string, version: string): Promise<Array<Node>> =>
  call("version_tree", { bill, version });

/** The clause-level comparison of two versions. */
export const compare = (bill: string, from: string, to: string): Promise<DiffReport> =>
  call("compare", { bill, from, to });

/** A clause's lineage through every version of its bill. */
export const clauseHistory = (bill: string, version: string, clause: string): Promise<Array<HistoryStep>> =>
  call("clause_history", { bill, version, clause });

/** Imports one file as a new version, in one transaction. */
export const importFile = (path: string, options: ImportOptions): Promise<ImportReport> =>
  call("import_file", { path, options });

/** Searches every clause and annotation. */
export const search = (query: string, options: SearchOptions): Promise<Results> =>
  call("search", { query, options });

/** The rights taxonomy. */
export const rights = (): Promise<Array<Right>> =>
  call("rights");

/** The organisations. */
export const orgs = (): Promise<Array<Organisation>> =>
  call("orgs");

/** Adds an organisation (or updates one with the same short name). */
export const orgAdd = (org: Organisation): Promise<Organisation> =>
  call("org_add", { org });

/** The annotations that pass a filter. */
export const annotations = (filter: Filter): Promise<Array<Annotation>> =>
  call("annotations", { filter });

/** One annotation with its placements, history and replies. */
export const annotation = (id: number): Promise<AnnotationDetail> =>
  call("annotation", { id });

/** Annotates a clause or a quoted span of it. */
export const annotateAdd = (annotation: NewAnnotation): Promise<Annotation> =>
  call("annotate_add", { annotation });

/** Changes an annotation's fields (each change is kept in its history). */
export const annotateEdit = (id: number, edit: AnnotationEdit, author: string): Promise<Annotation> =>
  call("annotate_edit", { id, edit, author });

/** Deletes an annotation (its history is kept). */
export const annotateDelete = (id: number, author: string): Promise<Annotation> =>
  call("annotate_delete", { id, author });

/** Adds a reply to an annotation's thread. */
export const annotateReply = (id: number, author: string, org: string | null, body: string): Promise<Reply> =>
  call("annotate_reply", { id, author, org, body });

/** Carried-forward annotations that need a person, with old and new text. */
export const reviewQueue = (bill: string | null): Promise<Array<ReviewItem>> =>
  call("review_queue", { bill });

/** Confirms, re-attaches or closes an annotation in review. */
export const annotateReview = (id: number, action: ReviewAction, author: string): Promise<Annotation> =>
  call("annotate_review", { id, action, author });

/** The joint positions, newest first. */
export const positions = (): Promise<Array<Position>> =>
  call("positions");

/** A position with its items and endorsements. */
export const position = (id: number): Promise<PositionDetail> =>
  call("position", { id });

/** Starts a joint position on a version. */
export const positionNew = (bill: string, version: string, title: string, intro: string, closing: string, lang: string | null): Promise<Position> =>
  call("position_new", { bill, version, title, intro, closing, lang });

/** Changes a position's title, introduction or closing. */
export const positionEdit = (id: number, title: string | null, intro: string | null, closing: string | null): Promise<Position> =>
  call("position_edit", { id, title, intro, closing });

/** Adds an annotation to a position, at the end or at a 1-based place (adding again moves it). */
export const positionAdd = (id: number, annotation: number, at: number | null): Promise<null> =>
  call("position_add", { id, annotation, at });

/** Removes an annotation from a position. */
export const positionRemove = (id: number, annotation: number): Promise<null> =>
  call("position_remove", { id, annotation });

/** Records an organisation's endorsement state on a date. */
export const positionEndorse = (id: number, org: string, state: EndorsementState, date: string, note: string | null): Promise<null> =>
  call("position_endorse", { id, org, state, date, note });

/** The adoption scorecard of a position against a later version. */
export const positionTrack = (id: number, against: string): Promise<Scorecard> =>
  call("position_track", { id, against });

/** Asks for files to import (a file dialog); empty when cancelled. */
export const pickImportFiles = (): Promise<Array<string>> =>
  call("pick_import_files");

/** Exports a position (docx, pdf, md or html) through a save dialog; the path written, or null when cancelled. */
export const savePosition = (id: number, format: string, name: string): Promise<string | null> =>
  call("save_position", { id, format, name });
