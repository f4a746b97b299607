// Placeholder, replaced by the integration-test setup.
export default function setup() {}
