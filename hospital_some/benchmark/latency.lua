-- wrk script for `make bench`: counts answers other than 200 and prints one parseable result line.
-- The line is "bench-result" followed by key=value pairs; latencies are in microseconds.

local threads = {}

function setup(thread)
  table.insert(threads, thread)
end

function init(args)
  non_200 = 0
end

function response(status, headers, body)
  if status ~= 200 then
    non_200 = non_200 + 1
  end
end

function done(summary, latency, requests)
  local not_ok = 0
  for _, thread in ipairs(threads) do
    not_ok = not_ok + thread:get("non_200")
  end
  local errors = summary.errors
  io.write(string.format(
    "bench-result requests=%d duration_us=%d p50_us=%d p95_us=%d p99_us=%d max_us=%d non_200=%d "
      .. "errors_connect=%d errors_read=%d errors_write=%d errors_timeout=%d\n",
    summary.requests, summary.duration,
    latency:percentile(50), latency:percentile(95), latency:percentile(99), latency.max,
    not_ok, errors.connect, errors.read, errors.write, errors.timeout
  ))
end
