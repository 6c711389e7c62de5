-- wrk's summary with the percentiles the targets name (wrk --latency prints no p95) and the
-- non-2xx count, on one line a script can grep.
done = function(summary, latency, requests)
  local secs = summary.duration / 1e6
  local bad = summary.errors.status + summary.errors.connect + summary.errors.read
    + summary.errors.write + summary.errors.timeout
  io.write(string.format(
    "   %.0f req/s, p50 %.2f ms, p95 %.2f ms, p99 %.2f ms, %d requests, %d non-2xx or errors\n",
    summary.requests / secs, latency:percentile(50) / 1000, latency:percentile(95) / 1000,
    latency:percentile(99) / 1000, summary.requests, bad))
end
