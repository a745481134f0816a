import { formatDate } from '../common/format/dates';

/** A commitment as the board shows it (DOM-TBL-3). */
export interface BoardItem {
  id: string;
  description: string;
  owner: {
    kind: 'participant' | 'institution';
    id: string;
    name: string;
    institutionId: string;
    institutionName: string;
  };
  axis: { id: string; name: string } | null;
  dueOn: string;
  status: 'open' | 'in_progress' | 'done' | 'cancelled';
  overdue: boolean;
  progress: number;
  originMeetingId: string;
  sessionDate: string;
  updates: number;
  lastUpdateAt: Date | null;
}

/** One commitment of a table with its owner, institution, axis, session and update counts ($2: today). */
export const ITEM_SELECT = `SELECT c.id, c.description, to_char(c.due_on, 'YYYY-MM-DD') AS "dueOn", c.status, c.progress, c.origin_meeting_id AS "originMeetingId",
       c.owner_kind AS "ownerKind", coalesce(c.owner_participant_id, c.owner_institution_id) AS "ownerId", coalesce(tp.name, i.name) AS "ownerName",
       i.id AS "institutionId", i.name AS "institutionName", ax.id AS "axisId", ax.name AS "axisName",
       o.starts_at AS "sessionAt", o.time_zone AS "sessionZone",
       (c.status IN ('open', 'in_progress') AND c.due_on < $2::date) AS overdue,
       (SELECT count(*)::int FROM commitment_update u WHERE u.commitment_id = c.id) AS updates,
       (SELECT max(u.created_at) FROM commitment_update u WHERE u.commitment_id = c.id) AS "lastUpdateAt"
  FROM commitment c
  JOIN institution i ON i.id = c.owner_institution_id
  JOIN meeting o ON o.id = c.origin_meeting_id
  LEFT JOIN table_participant tp ON tp.id = c.owner_participant_id
  LEFT JOIN table_axis ax ON ax.id = c.axis_id`;

export /** A board row as the queries give it (JSON on the board: dates as text). */
type BoardRow = Omit<ItemRow, 'sessionAt' | 'sessionZone' | 'lastUpdateAt'> & {
  sessionDate?: string;
  sessionAt?: Date;
  sessionZone?: string;
  lastUpdateAt: Date | string | null;
};

export interface ItemRow {
  id: string;
  description: string;
  dueOn: string;
  status: BoardItem['status'];
  progress: number;
  originMeetingId: string;
  ownerKind: 'participant' | 'institution';
  ownerId: string;
  ownerName: string;
  institutionId: string;
  institutionName: string;
  axisId: string | null;
  axisName: string | null;
  sessionAt: Date;
  sessionZone: string;
  overdue: boolean;
  updates: number;
  lastUpdateAt: Date | null;
  total?: string;
}

/** A board row as the pages and the API show it. */
export function boardItem(r: BoardRow): BoardItem {
  return {
    id: r.id,
    description: r.description,
    owner: {
      kind: r.ownerKind,
      id: r.ownerId,
      name: r.ownerName,
      institutionId: r.institutionId,
      institutionName: r.institutionName,
    },
    axis: r.axisId ? { id: r.axisId, name: r.axisName as string } : null,
    dueOn: r.dueOn,
    status: r.status,
    overdue: r.overdue,
    progress: r.progress,
    originMeetingId: r.originMeetingId,
    sessionDate: r.sessionDate ?? formatDate(new Date(r.sessionAt as Date), r.sessionZone as string),
    updates: r.updates,
    lastUpdateAt: r.lastUpdateAt === null ? null : new Date(r.lastUpdateAt),
  };
}
