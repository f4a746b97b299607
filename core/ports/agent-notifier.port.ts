/** Where alerts for the helpdesk staff go (the Telegram agents group). */
export interface AgentNotifier {
  /** `supervisor`: the supervisor gets a copy (SLA breaches). */
  notify(message: { text: string; supervisor: boolean }): Promise<void>;
}
