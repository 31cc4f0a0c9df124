// The ids the Go side derives for shared records, computed here the same way so a test can
// write a partner's change to the very record the app reads (see package space).
import { createHash } from 'node:crypto'

const oid = '6ba7b812-9dad-11d1-80b4-00c04fd430c8'

/** uuidV5 is Go's uuid.NewSHA1: SHA-1 over the namespace's bytes and the name. */
export function uuidV5(namespace: string, name: string): string {
  const b = createHash('sha1').update(Buffer.from(namespace.replace(/-/g, ''), 'hex')).update(name).digest().subarray(0, 16)
  b[6] = (b[6] & 0x0f) | 0x50
  b[8] = (b[8] & 0x3f) | 0x80
  const h = b.toString('hex')
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`
}

/** personalRecordID is space.PersonalRecordID: the record one person's own input lives in,
 * made from its kind, its parent and the person's place in the couple. */
export function personalRecordID(kind: string, parent: string, role: string): string {
  return uuidV5(uuidV5(oid, 'goldseam-personal-record-v1'), `${kind}\0${parent}\0${role}`)
}

/** settingsID is space.SettingsID: the couple's settings' record, the same in every copy. */
export function settingsID(): string {
  return uuidV5(oid, 'goldseam-space-settings')
}
