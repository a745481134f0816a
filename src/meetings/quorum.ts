/**
 * Quorum (DOM-MTG-6, API.md): `present` counts members marked present in person or online (excused and absent do
 * not); on first call `required` is floor(n / 2) + 1 of the n members active on the meeting date (20 -> 11,
 * 19 -> 10); on second call, the statute's minimum (config, default 1).
 */
export interface Quorum {
  call: 'first' | 'second';
  required: number;
  present: number;
  reached: boolean;
}

export type AttendanceStatus = 'present' | 'excused' | 'absent';

export function computeQuorum(input: {
  call: 'first' | 'second';
  activeMembers: number;
  attendance: AttendanceStatus[];
  secondCallMinimum?: number;
}): Quorum {
  const present = input.attendance.filter((a) => a === 'present').length;
  const required =
    input.call === 'first' ? Math.floor(input.activeMembers / 2) + 1 : Math.max(input.secondCallMinimum ?? 1, 1);
  return { call: input.call, required, present, reached: present >= required };
}
