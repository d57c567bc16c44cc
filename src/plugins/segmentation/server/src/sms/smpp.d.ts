/** The part of the untyped `smpp` package (0.5.x) the SMPP provider and the tests use. */
declare module 'smpp' {
  import type { EventEmitter } from 'events';
  import type { Server as NetServer, Socket } from 'net';

  /** A decoded PDU: the header plus the command's parameters and TLVs by name. */
  export interface PDU {
    command: string;
    command_id: number;
    command_status: number;
    sequence_number: number;
    [param: string]: unknown;
    isResponse(): boolean;
    response(options?: Record<string, unknown>): PDU;
  }

  /** `short_message` as decoded by the package: the text and, with the UDH indicator, the UDH's elements. */
  export interface DecodedMessage {
    message: string | Buffer;
    udh?: Buffer[];
  }

  export const PDU: { new (command: string, options?: Record<string, unknown>): PDU };

  export type Callback = (pdu: PDU) => void;

  export class Session extends EventEmitter {
    socket: Socket;
    server?: Server;
    send(pdu: PDU, responseCallback?: Callback, sendCallback?: Callback): boolean;
    close(callback?: () => void): void;
    destroy(callback?: () => void): void;
    pause(): void;
    resume(): void;
    bind_transceiver(options: Record<string, unknown>, responseCallback?: Callback): boolean;
    submit_sm(options: Record<string, unknown>, responseCallback?: Callback): boolean;
    deliver_sm(options: Record<string, unknown>, responseCallback?: Callback): boolean;
    enquire_link(options?: Record<string, unknown> | Callback, responseCallback?: Callback): boolean;
    unbind(options?: Record<string, unknown> | Callback, responseCallback?: Callback): boolean;
  }

  export class Server extends NetServer {
    sessions: Session[];
  }

  export function createServer(options: Record<string, unknown>, listener?: (session: Session) => void): Server;
  export function createServer(listener?: (session: Session) => void): Server;
  export function connect(options: { host: string; port: number; auto_enquire_link_period?: number }, listener?: () => void): Session;

  export const gsmCoder: {
    encode(text: string, shiftTable?: number): Buffer;
    decode(bytes: Buffer | string, shiftTable?: number): string;
  };
  export const errors: Record<string, number>;
  export const consts: Record<string, Record<string, number>>;
}
