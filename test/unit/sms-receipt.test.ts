/** SMPP delivery receipt texts (sms/receipt.ts) and the reassembly of concatenated inbound parts (sms/udh.ts). */
import { parseReceipt, receiptFields } from '../../src/plugins/segmentation/server/src/sms/receipt';
import { Reassembler, concatUdh, findConcat } from '../../src/plugins/segmentation/server/src/sms/udh';

const at = new Date('2026-12-07T12:00:00Z');
const text = (stat: string, err = '000') => `id:0A1B2C sub:001 dlvrd:001 submit date:2612071200 done date:2612071201 stat:${stat} err:${err} text:Hallo daar`;

test('the fields of the standard receipt text, dates with their space included', () => {
  expect(receiptFields(text('DELIVRD'))).toEqual({
    id: '0A1B2C',
    sub: '001',
    dlvrd: '001',
    'submit date': '2612071200',
    'done date': '2612071201',
    stat: 'DELIVRD',
    err: '000',
    text: 'Hallo daar',
  });
});

test('DELIVRD is delivered; UNDELIV, EXPIRED, REJECTD are failed with the state and error code', () => {
  expect(parseReceipt(text('DELIVRD'), {}, at)).toEqual({ messageId: '0A1B2C', status: 'delivered', at });
  expect(parseReceipt(text('UNDELIV', '001'), {}, at)).toEqual({ messageId: '0A1B2C', status: 'failed', error: 'UNDELIV err:001', at });
  expect(parseReceipt(text('EXPIRED'), {}, at)).toEqual({ messageId: '0A1B2C', status: 'failed', error: 'EXPIRED', at });
  expect(parseReceipt(text('rejectd'), {}, at)?.status).toBe('failed');
});

test('ENROUTE and ACCEPTD are not final: no receipt', () => {
  expect(parseReceipt(text('ENROUTE'))).toBeNull();
  expect(parseReceipt(text('ACCEPTD'))).toBeNull();
  expect(parseReceipt('no receipt at all')).toBeNull();
});

test('the receipted_message_id and message_state TLVs win over the text', () => {
  expect(parseReceipt(text('DELIVRD'), { messageId: 'tlv-id', state: 5 }, at)).toEqual({ messageId: 'tlv-id', status: 'failed', error: 'UNDELIV', at });
  expect(parseReceipt('', { messageId: 'x', state: 2 }, at)).toEqual({ messageId: 'x', status: 'delivered', at });
});

test('concatenated parts are put together in order, whatever order they arrive in, per sender and reference', () => {
  const parts = new Reassembler();
  const udh = (ref: number, seq: number) => findConcat([concatUdh(ref, 3, seq).subarray(1)])!;
  expect(parts.add('a', udh(7, 3), 'drie')).toBeNull();
  expect(parts.add('b', udh(7, 1), 'andere ')).toBeNull();
  expect(parts.add('a', udh(7, 1), 'een ')).toBeNull();
  expect(parts.add('a', udh(7, 2), 'twee ')).toBe('een twee drie');
  expect(findConcat([Buffer.from([0x08, 4, 0x01, 0x02, 2, 1])])).toEqual({ ref: 0x0102, total: 2, seq: 1 });
  expect(findConcat(undefined)).toBeNull();
});
