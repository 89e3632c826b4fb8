/** seatsync's own view of its resident memory, from its Prometheus endpoint (null when it does not say). */
export async function idleRssFromMetrics(baseUrl: string): Promise<number | null> {
  const response = await fetch(`${baseUrl}/metrics`);
  const text = await response.text();
  const value = /^seatsync_process_resident_memory_bytes\s+(\d+(?:\.\d+)?(?:e\+?\d+)?)\s*$/m.exec(text)?.[1];
  return value === undefined ? null : Number(value);
}
