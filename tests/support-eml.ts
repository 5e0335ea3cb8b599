// Tests read the development mailbox with the portal's own .eml reader.
export { emlBody } from "../lib/notifications/eml";
