// Linking the helpdesk number as a device: the QR to scan, or the pairing
// code to type when a number is configured. Both show on /admin/whatsapp
// and a terminal, never in the logs.
import type { Logger } from "../../core/infra/logger.ts";
import type { PairingView } from "./whatsapp.admin.ts";
import { describeError } from "./whatsapp.connection.ts";
import { terminalPairingDisplay } from "./whatsapp.console.ts";
import type { WhatsappSocket } from "./whatsapp.socket.ts";
import type { WhatsappChannelState, WhatsappStateUpdate } from "./whatsapp.state.ts";

export function createPairing(deps: {
  log: Logger;
  /** Digits with country code: link by pairing code instead of a QR. */
  pairingNumber?: string | undefined;
  printQr?: ((qr: string) => void) | undefined;
  printPairingCode?: ((code: string) => void) | undefined;
  setState: (next: WhatsappStateUpdate) => void;
}) {
  const { log } = deps;
  const terminal = terminalPairingDisplay();
  const printQr = deps.printQr ?? ((qr: string) => void terminal.qr(qr));
  const printPairingCode =
    deps.printPairingCode ?? ((code: string) => void terminal.pairingCode(code));
  let qr: string | undefined;
  let pairingCode: string | undefined;

  function requestPairingCode(sock: WhatsappSocket, current: () => boolean, number: string) {
    sock
      .requestPairingCode(number)
      .then((code) => {
        if (!current()) return;
        pairingCode = code;
        deps.setState({
          state: "starting",
          phase: "pairing",
          detail: "waiting for the pairing code to be entered (/admin/whatsapp)",
        });
        // The code links a device to the number: never in the logs (nor the
        // number it was asked for), only on /admin/whatsapp and a terminal.
        log.warn(
          "WhatsApp pairing code ready: see /admin/whatsapp (or the terminal); on the office phone open Linked devices -> Link a device -> Link with phone number instead, and type it",
        );
        printPairingCode(code);
      })
      .catch((err: unknown) =>
        log.warn({ error: describeError(err) }, "WhatsApp pairing code request failed"),
      );
  }

  return {
    /**
     * For one socket: what to do with each QR it offers while not registered.
     * `current` turns false once a newer socket replaced it.
     */
    forSocket(sock: WhatsappSocket, current: () => boolean): (offered: string) => void {
      let pairingRequested = false;
      return (offered) => {
        if (deps.pairingNumber) {
          if (!pairingRequested) {
            pairingRequested = true;
            requestPairingCode(sock, current, deps.pairingNumber);
          }
        } else {
          qr = offered;
          deps.setState({
            state: "starting",
            phase: "pairing",
            detail: "waiting for the QR to be scanned (/admin/whatsapp)",
          });
          printQr(offered);
        }
      };
    },
    /** Linked, or the socket is gone: nothing to show any more. */
    clear(): void {
      qr = undefined;
      pairingCode = undefined;
    },
    view(current: WhatsappChannelState): PairingView {
      return { state: current.phase, detail: current.detail, qr, pairingCode };
    },
  };
}

export type Pairing = ReturnType<typeof createPairing>;
