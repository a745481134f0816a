// Tests run in UTC whatever the machine's zone: business times must come from an explicit zone
// (DOM-FMT-2), never from the server's. Individual tests pin "now" with FixedClock.
process.env.TZ = 'UTC';
