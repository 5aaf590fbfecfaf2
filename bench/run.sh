#!/usr/bin/env bash
# The HTTP benchmark of DaprShared.Webhook: builds Release, publishes the JIT and the Native AOT binary,
# starts each one exactly as in a cluster (`serve --urls https://127.0.0.1:PORT --tls-cert-file F
# --tls-key-file F`, plus `--benchmark-noop` for the ceiling endpoint), and drives it over real HTTPS
# on loopback. See bench/README.md for what is measured and the recorded numbers.
#
#   bench/run.sh [--quick] [--jit-only|--aot-only] [--no-install] [--duration S] [--connections N]
#                [--rounds N] [--rate N] [--rate-duration S] [--nice N] [--out DIR]
#
#   --quick        CI smoke: JIT only, two small cases, 1 s each, a 2 s constant-rate run.
#   --no-install   never apt-get install; a missing load tool skips the HTTP part (exit 0, says so).
#   --duration     seconds per closed-loop round (default 3); --connections wrk connections (16).
#   --rounds       rounds per case, alternating no-op and mutate; the best round counts (default 3).
#   --rate         total requests/s of the constant-rate runs (2000); --rate-duration seconds per round (6).
#   --nice N       run the server and the load generators at nice N (e.g. -10, needs root): on a machine
#                  shared with other work, keeps that work from disturbing the measurement.
#
# Results: bench/results/<date>-<mode>/ (git-ignored): summary.tsv, table.md, server logs, raw outputs;
# bench/results/latest points at the last run. Only 127.0.0.1 is used; only servers this script
# started are stopped, by PID.
set -euo pipefail

repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
quick=0
install=1
builds="jit aot"
duration=3
connections=16
rate=2000
rate_duration=6
rate_clients=20
rounds=3
out=""
prio=()

while [[ $# -gt 0 ]]; do
  case "$1" in
    --quick) quick=1; builds="jit"; duration=1; rate_duration=2; rounds=1 ;;
    --jit-only) builds="jit" ;;
    --aot-only) builds="aot" ;;
    --no-install) install=0 ;;
    --duration) duration="$2"; shift ;;
    --connections) connections="$2"; shift ;;
    --rate) rate="$2"; shift ;;
    --rounds) rounds="$2"; shift ;;
    --rate-duration) rate_duration="$2"; shift ;;
    --out) out="$2"; shift ;;
    --nice) prio=(nice -n "$2"); shift ;;
    -h|--help) sed -n '2,/^set -euo/p' "${BASH_SOURCE[0]}" | grep '^#' | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) echo "run.sh: unknown option $1 (see --help)" >&2; exit 2 ;;
  esac
  shift
done

mode=$([[ $quick == 1 ]] && echo quick || echo full)
out="${out:-$repo/bench/results/$(date -u +%Y%m%d-%H%M%S)-$mode}"
mkdir -p "$out"
mkdir -p "$repo/bench/results"
ln -sfn "$out" "$repo/bench/results/latest"
log() { echo "[bench $(date -u +%H:%M:%S)] $*" >&2; }

# --- tools -------------------------------------------------------------------------------------------
# command -> Debian package. clang and zlib1g-dev are what the Native AOT linker needs.
declare -A packages=([wrk]=wrk [h2load]=nghttp2-client [openssl]=openssl [curl]=curl [python3]=python3)
[[ $builds == *aot* ]] && packages[clang]=clang
missing=()
for tool in "${!packages[@]}"; do command -v "$tool" >/dev/null 2>&1 || missing+=("${packages[$tool]}"); done
if [[ $builds == *aot* ]] && ! dpkg -s zlib1g-dev >/dev/null 2>&1; then missing+=(zlib1g-dev); fi
if [[ ${#missing[@]} -gt 0 ]]; then
  if [[ $install == 0 ]]; then
    log "missing ${missing[*]} and --no-install given: HTTP benchmark skipped"
    exit 0
  fi
  sudo=""; [[ $(id -u) != 0 ]] && sudo="sudo"
  log "installing ${missing[*]}"
  $sudo apt-get update -qq >/dev/null
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq "${missing[@]}" >/dev/null
fi

# --- machine -------------------------------------------------------------------------------------------
{
  echo "date: $(date -u +%Y-%m-%dT%H:%M:%SZ)"
  echo "nproc: $(nproc)"
  echo "cpu: $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2- | sed 's/^ *//')"
  echo "memory: $(awk '/MemTotal/ {printf "%.1f GiB", $2/1048576}' /proc/meminfo)"
  echo "kernel: $(uname -r)"
  echo "dotnet: $(dotnet --version)"
  echo "wrk: $(wrk -v 2>&1 | head -1)"
  echo "h2load: $(h2load --version 2>&1 | head -1)"
  echo "commit: $(git -C "$repo" rev-parse --short HEAD 2>/dev/null || echo unknown)$(git -C "$repo" status --porcelain 2>/dev/null | grep -q . && echo ' (+ uncommitted changes)')"
  echo "priority: ${prio[*]:-default}"
  echo "mode: $mode; $rounds rounds of ${duration}s x ${connections} connections (wrk -t1) per case; constant rate ${rate}/s, $rounds rounds of ${rate_duration}s"
} > "$out/machine.txt"
cat "$out/machine.txt" >&2

# --- build -----------------------------------------------------------------------------------------------
publish="$out/publish"
publish_failed=()
log "building the benchmark corpus"
mkdir -p "$out/bodies"
dotnet build -c Release "$repo/bench/DaprShared.Benchmarks" -v q -nologo > "$out/build-bench.log" 2>&1 \
  || { cat "$out/build-bench.log" >&2; exit 1; }
dotnet "$repo/bench/DaprShared.Benchmarks/bin/Release/net10.0/DaprShared.Benchmarks.dll" bodies "$out/bodies" \
  > "$out/bodies/index.tsv" 2> "$out/bodies.err" || { cat "$out/bodies.err" >&2; exit 1; }

for build in $builds; do
  log "publishing $build"
  if [[ $build == jit ]]; then
    args=(-c Release -o "$publish/jit")
  else
    # Warnings are errors here too: a trim or AOT analysis warning means code that may fail at run time.
    args=(-c Release -r linux-x64 -p:PublishAot=true -o "$publish/aot")
  fi
  if ! dotnet publish "$repo/src/DaprShared.Webhook" "${args[@]}" -nologo > "$out/publish-$build.log" 2>&1; then
    grep -E ' error ' "$out/publish-$build.log" | sort -u | tail -20 >&2
    echo "run.sh: dotnet publish ($build) failed; full log: $out/publish-$build.log" >&2
    publish_failed+=("$build")
    continue
  fi
  grep -oE '(warning|error) (IL|NU|CS)[0-9]+[^[]*' "$out/publish-$build.log" | sort | uniq -c | sort -rn \
    > "$out/$build-warnings.txt" || true
done

if [[ ${#publish_failed[@]} -gt 0 ]]; then
  kept=""
  for build in $builds; do [[ " ${publish_failed[*]} " == *" $build "* ]] || kept="$kept $build"; done
  builds="${kept# }"
  [[ -n "$builds" ]] || { echo "run.sh: nothing was published" >&2; exit 1; }
fi

# --- certificate -------------------------------------------------------------------------------------------
openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:prime256v1 -nodes -days 2 -subj "/CN=localhost" \
  -addext "subjectAltName=DNS:localhost,IP:127.0.0.1" \
  -keyout "$out/tls.key" -out "$out/tls.crt" > /dev/null 2>&1

# --- cases -------------------------------------------------------------------------------------------------
# name <TAB> bytes <TAB> expected outcome, written by the `bodies` verb.
mapfile -t cases < <(cut -f1 "$out/bodies/index.tsv")
if [[ $quick == 1 ]]; then cases=(orders-deployment-pod plain-pod); fi
mutate_path="/mutate?timeout=10s"

free_port() {
  local port
  for port in $(shuf -i 20000-40000 -n 50); do
    (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null || { echo "$port"; return; }
  done
  echo "run.sh: no free port found" >&2; return 1
}
clk_tck=$(getconf CLK_TCK)
# user + system CPU of the server in clock ticks: CPU per request is what throughput is made of, and unlike
# requests/s it hardly moves when other processes share the machine.
cpu_ticks() { awk '{print $14 + $15}' "/proc/$1/stat" 2>/dev/null || echo 0; }
rss_kib() { awk '/^VmRSS:/ {print $2}' "/proc/$1/status" 2>/dev/null || echo 0; }
hwm_kib() { awk '/^VmHWM:/ {print $2}' "/proc/$1/status" 2>/dev/null || echo 0; }

server_pid=""
stop_server() {
  [[ -n "$server_pid" ]] || return 0
  kill -TERM "$server_pid" 2>/dev/null || true
  for _ in $(seq 50); do kill -0 "$server_pid" 2>/dev/null || break; sleep 0.1; done
  kill -KILL "$server_pid" 2>/dev/null || true
  server_pid=""
}
trap stop_server EXIT

# One closed-loop wrk run; prints "rps p50_us p99_us errors cpu_us_per_request", samples RSS into $3.
drive() {
  local url="$1" body="$2" rss_file="$3" raw="$4" secs="$5"
  local ticks_before
  ticks_before=$(cpu_ticks "$server_pid")
  WRK_BODY="$body" "${prio[@]}" wrk -t1 -c"$connections" -d"${secs}s" --timeout 5s -s "$repo/bench/wrk/post.lua" "$url" \
    > "$raw" 2>&1 &
  local wrk_pid=$!
  while kill -0 "$wrk_pid" 2>/dev/null; do rss_kib "$server_pid" >> "$rss_file"; sleep 0.25; done
  wait "$wrk_pid" || true
  local ticks=$(( $(cpu_ticks "$server_pid") - ticks_before ))
  local line
  line=$(grep '^RESULT' "$raw" || true)
  [[ -n "$line" ]] || { echo "0 0 0 wrk-failed 0"; return; }
  local -A r=()
  local kv
  for kv in ${line#RESULT }; do r[${kv%%=*}]=${kv#*=}; done
  local errors=$(( r[connect] + r[read] + r[write] + r[status] + r[timeout] ))
  awk -v n="${r[requests]}" -v us="${r[duration_us]}" -v p50="${r[p50_us]}" -v p99="${r[p99_us]}" -v e="$errors" \
    -v t="$ticks" -v hz="$clk_tck" \
    'BEGIN { printf "%.0f %d %d %d %.1f\n", n / (us / 1e6), p50, p99, e, (n > 0 ? t * 1e6 / hz / n : 0) }'
}

# The response must be what a real API server expects, or the numbers would be of the wrong path.
check_case() {
  local url="$1" body="$2" expected="$3" name="$4" endpoint="$5"
  local response="$out/$build/response-$endpoint-$name.json"
  local code
  code=$(curl -sk -o "$response" -w '%{http_code}' -X POST -H 'Content-Type: application/json' \
    --data-binary "@$body" "$url")
  [[ "$code" == 200 ]] || { echo "HTTP $code"; return; }
  if [[ $endpoint == mutate ]]; then
    local uid
    uid=$(grep -o '"uid":"[^"]*"' "$body" | head -1)
    grep -q "$uid" "$response" || { echo "uid not echoed"; return; }
    case "$expected" in
      Patched) grep -q '"patch":' "$response" || { echo "expected a patch, got none"; return; } ;;
      Skipped|Unchanged) ! grep -q '"patch":' "$response" || { echo "expected no patch, got one"; return; } ;;
    esac
  fi
  echo ok
}

summary="$out/summary.tsv"
rounds_tsv="$out/rounds.tsv"
printf 'build\tcase\tendpoint\tround\trps\tp50_us\tp99_us\terrors\tcpu_us_per_req\n' > "$rounds_tsv"
declare -A checks=()
printf 'build\tcase\tendpoint\tbody_bytes\trps\tp50_ms\tp99_ms\terrors\tratio_to_noop\tcheck\tcpu_us_per_req\tcpu_ratio_noop_to_mutate\n' > "$summary"
rate_tsv="$out/rate.tsv"
printf 'build\tround\tachieved\tp50_ms\tp99_ms\tmax_ms\tnon200\n' > "$rate_tsv"
server_tsv="$out/server.tsv"
printf 'build\tready_ms\trss_idle_mib\trss_load_max_mib\trss_peak_hwm_mib\trate_target\trate_achieved\trate_p50_ms\trate_p99_ms\trate_max_ms\trate_non200\twarnings\n' > "$server_tsv"

for build in $builds; do
  mkdir -p "$out/$build"
  binary="$publish/$build/DaprShared.Webhook"
  port=$(free_port)
  base="https://127.0.0.1:$port"
  log "$build: starting $binary on $base"
  ready_json=$("${prio[@]}" python3 "$repo/bench/tools/launch.py" --url "$base/readyz" --log "$out/$build/server.log" --timeout 60 -- \
    "$binary" serve --urls "$base" --tls-cert-file "$out/tls.crt" --tls-key-file "$out/tls.key" --benchmark-noop) || {
    echo "run.sh: $build server did not become ready: $ready_json" >&2; tail -20 "$out/$build/server.log" >&2; exit 1; }
  server_pid=$(sed -E 's/.*"pid": ([0-9]+).*/\1/' <<<"$ready_json")
  ready_ms=$(sed -E 's/.*"ready_ms": ([0-9.]+).*/\1/' <<<"$ready_json")
  sleep 2
  rss_idle=$(rss_kib "$server_pid")
  log "$build: ready in ${ready_ms} ms, idle RSS $((rss_idle / 1024)) MiB"

  # Warm-up (JIT tiering, pools, TLS session caches) on both endpoints; not recorded.
  warm=$([[ $quick == 1 ]] && echo 1 || echo 2)
  warm_cases=(orders-deployment-pod)
  [[ $quick == 1 ]] || warm_cases+=("$(awk -F'\t' '$1 ~ /^large-.*-opted-in$/ && $1 !~ /not-opted/ {print $1}' "$out/bodies/index.tsv")")
  for name in "${warm_cases[@]}"; do
    for path in "$mutate_path" /noop; do
      drive "$base$path" "$out/bodies/$name.json" /dev/null "$out/$build/warmup.txt" "$warm" > /dev/null
    done
  done

  rss_file="$out/$build/rss-under-load.txt"
  : > "$rss_file"
  for name in "${cases[@]}"; do
    body="$out/bodies/$name.json"
    bytes=$(stat -c %s "$body")
    expected=$(awk -F'\t' -v n="$name" '$1 == n {print $3}' "$out/bodies/index.tsv")
    for endpoint in noop mutate; do
      path=$([[ $endpoint == mutate ]] && echo "$mutate_path" || echo /noop)
      checks[$endpoint]=$(check_case "$base$path" "$body" "$expected" "$name" "$endpoint")
    done
    # Rounds alternate no-op and mutate, so both see the same machine; the best round of each is kept,
    # since other work on the machine can only make a round slower.
    for round in $(seq "$rounds"); do
      for endpoint in noop mutate; do
        path=$([[ $endpoint == mutate ]] && echo "$mutate_path" || echo /noop)
        read -r rps p50 p99 errors cpu < <(drive "$base$path" "$body" "$rss_file" "$out/$build/wrk-$endpoint-$name-$round.txt" "$duration")
        printf '%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\n' "$build" "$name" "$endpoint" "$round" "$rps" "$p50" "$p99" "$errors" "$cpu" >> "$rounds_tsv"
        log "$build $endpoint $name round $round: $rps req/s p50 ${p50}us p99 ${p99}us cpu ${cpu}us/req errors $errors"
      done
    done
    for endpoint in noop mutate; do
      awk -F'\t' -v b="$build" -v n="$name" -v e="$endpoint" -v bytes="$bytes" -v check="${checks[$endpoint]}" '
        $1 == b && $2 == n && $3 == e {
          errors += $8
          if ($5 + 0 > best + 0 || best == "") { best = $5; p50 = $6; p99 = $7 }
          if (cpu == "" || ($9 + 0 > 0 && $9 + 0 < cpu + 0)) cpu = $9 }
        END { printf "%s\t%s\t%s\t%s\t%s\t%.2f\t%.2f\t%d\t\t%s\t%s\t\n", b, n, e, bytes, best, p50 / 1000, p99 / 1000, errors, check, cpu }' \
        "$rounds_tsv" >> "$summary"
    done
  done
  rss_load=$(sort -n "$rss_file" | tail -1)
  hwm=$(hwm_kib "$server_pid")

  # Constant rate (open loop per client: h2load sends each client's requests on schedule), HTTP/1.1,
  # a typical opted-in Deployment pod; p50/p99 from the per-request log. The round with the median p99
  # is reported (and the best in rate.tsv).
  rate_body="$out/bodies/orders-deployment-pod.json"
  per_client=$(( rate / rate_clients ))
  for round in $(seq "$rounds"); do
    h2log="$out/$build/h2load-requests-$round.tsv"
    "${prio[@]}" h2load --h1 -c "$rate_clients" -t 1 --rps "$per_client" -D "$rate_duration" --warm-up-time 1 \
      -H 'Content-Type: application/json' -d "$rate_body" --log-file "$h2log" \
      "$base$mutate_path" > "$out/$build/h2load-$round.txt" 2>&1 || true
    achieved=$(grep -oE 'finished in [0-9.]+m?s, [0-9.]+ req/s' "$out/$build/h2load-$round.txt" | grep -oE '[0-9.]+ req/s' | cut -d' ' -f1)
    non200=$(awk -F'\t' '$2 != 200 {n++} END {print n + 0}' "$h2log" 2>/dev/null || echo 0)
    read -r r50 r99 rmax < <(cut -f3 "$h2log" 2>/dev/null | sort -n | awk '{ lat[++n] = $1 }
      END { if (n == 0) { print "0 0 0"; exit }
            i50 = int(n * 0.50 + 0.5); i99 = int(n * 0.99 + 0.5); if (i50 < 1) i50 = 1; if (i99 < 1) i99 = 1
            printf "%.2f %.2f %.2f\n", lat[i50] / 1000, lat[i99] / 1000, lat[n] / 1000 }')
    printf '%s\t%s\t%s\t%s\t%s\t%s\t%s\n' "$build" "$round" "${achieved:-0}" "$r50" "$r99" "$rmax" "$non200" >> "$rate_tsv"
    log "$build constant ${rate}/s round $round: achieved ${achieved:-?} req/s p50 ${r50} ms p99 ${r99} ms max ${rmax} ms non-200 ${non200}"
  done
  read -r achieved r50 r99 rmax non200 < <(awk -F'\t' -v b="$build" '$1 == b' "$rate_tsv" | sort -t$'\t' -k5,5g \
    | awk -F'\t' '{ row[++n] = $3 " " $4 " " $5 " " $6 " " $7 } END { print row[int((n + 1) / 2)] }')

  warnings=$(awk '{s += $1} END {print s + 0}' "$out/$build-warnings.txt")
  printf '%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\n' "$build" "$ready_ms" \
    "$(awk -v k="$rss_idle" 'BEGIN {printf "%.1f", k / 1024}')" "$(awk -v k="${rss_load:-0}" 'BEGIN {printf "%.1f", k / 1024}')" \
    "$(awk -v k="$hwm" 'BEGIN {printf "%.1f", k / 1024}')" "$rate" "${achieved:-0}" "$r50" "$r99" "$rmax" "$non200" "$warnings" >> "$server_tsv"
  stop_server
done

# Ratios to the no-op ceiling, per build and case.
awk -F'\t' -v OFS='\t' 'NR == FNR { if ($3 == "noop") { r[$1 SUBSEP $2] = $5; c[$1 SUBSEP $2] = $11 }; next }
  FNR == 1 { print; next }
  $3 == "mutate" { k = $1 SUBSEP $2; if (r[k] > 0) $9 = sprintf("%.2f", $5 / r[k]); if ($11 > 0) $12 = sprintf("%.2f", c[k] / $11) }
  { print }' "$summary" "$summary" > "$summary.tmp" && mv "$summary.tmp" "$summary"

# --- report ----------------------------------------------------------------------------------------------
{
  echo "## Throughput and latency (wrk -t1 -c$connections, best of $rounds rounds of ${duration}s per case, HTTPS, HTTP/1.1)"
  echo
  echo "Server CPU is user+system time of the server process per request; its no-op/mutate ratio is the"
  echo "throughput ratio a CPU-bound server would reach, and is far less disturbed by other load on the machine."
  echo
  echo "| build | case | body KiB | no-op req/s | mutate req/s | mutate / no-op | mutate p50 ms | mutate p99 ms | no-op CPU µs/req | mutate CPU µs/req | CPU ratio | check |"
  echo "|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|"
  awk -F'\t' 'NR > 1 {
      key = $1 SUBSEP $2
      if ($3 == "noop") { nrps[key] = $5; ncpu[key] = $11; ncheck[key] = $10; nerr[key] = $8 }
      else { order[++n] = key; build[key] = $1; name[key] = $2; kib[key] = $4 / 1024; mrps[key] = $5; m50[key] = $6; m99[key] = $7; mratio[key] = $9; mcheck[key] = $10; merr[key] = $8; mcpu[key] = $11; cratio[key] = $12 }
    }
    END { for (i = 1; i <= n; i++) { k = order[i]
      c = (mcheck[k] == "ok" && ncheck[k] == "ok" && merr[k] == 0 && nerr[k] == 0) ? "ok" : ("mutate: " mcheck[k] ", errors " merr[k] "; noop: " ncheck[k] ", errors " nerr[k])
      printf "| %s | %s | %.1f | %s | %s | %s | %s | %s | %s | %s | %s | %s |\n", build[k], name[k], kib[k], nrps[k], mrps[k], mratio[k], m50[k], m99[k], ncpu[k], mcpu[k], cratio[k], c } }' "$summary"
  echo
  echo "## Server (start-up, memory; constant rate of ${rate} req/s on orders-deployment-pod, h2load --h1 -c$rate_clients, median of $rounds rounds of ${rate_duration}s)"
  echo
  echo "| build | start → /readyz ms | RSS idle MiB | RSS under load max MiB | RSS peak (VmHWM) MiB | rate achieved req/s | p50 ms | p99 ms | max ms | non-200 | publish warnings |"
  echo "|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|"
  awk -F'\t' 'NR > 1 { printf "| %s | %s | %s | %s | %s | %s | %s | %s | %s | %s | %s |\n", $1, $2, $3, $4, $5, $7, $8, $9, $10, $11, $12 }' "$server_tsv"
  echo
  echo "## Targets (issue 5)"
  echo
  awk -F'\t' 'NR > 1 && $3 == "mutate" && $2 !~ /^large/ {
      if (min[$1] == "" || $9 + 0 < min[$1] + 0) { min[$1] = $9; at[$1] = $2 }
      if (cmin[$1] == "" || $12 + 0 < cmin[$1] + 0) { cmin[$1] = $12; cat[$1] = $2 } }
    END { for (b in min) {
      printf "- %s: lowest mutate/no-op req/s over captured reviews %s (%s); target >= 0.85: %s\n", b, min[b], at[b], (min[b] >= 0.85 ? "MET" : "MISSED")
      printf "- %s: lowest no-op/mutate server CPU per request over captured reviews %s (%s); target >= 0.85: %s\n", b, cmin[b], cat[b], (cmin[b] >= 0.85 ? "MET" : "MISSED") } }' "$summary"
  awk -F'\t' 'NR > 1 {
      printf "- %s: p99 at %s req/s = %s ms (achieved %s req/s); target < 2 ms: %s\n", $1, $6, $9, $7, ($9 > 0 && $9 < 2 && $7 >= 0.95 * $6 && $11 == 0 ? "MET" : "MISSED")
      if ($1 == "aot") {
        printf "- aot: start to ready %s ms; target < 300 ms: %s\n", $2, ($2 < 300 ? "MET" : "MISSED")
        printf "- aot: RSS idle %s MiB; target < 40 MiB: %s\n", $3, ($3 < 40 ? "MET" : "MISSED")
      } }' "$server_tsv"
  for build in "${publish_failed[@]}"; do echo "- $build: dotnet publish FAILED, not measured (publish-$build.log)"; done
  echo "- load average at the end of the run: $(cut -d' ' -f1-3 /proc/loadavg) (other processes on the machine disturb req/s and p99)"
} > "$out/table.md"

echo
cat "$out/machine.txt"
echo
cat "$out/table.md"
echo
echo "results: $out"
if [[ ${#publish_failed[@]} -gt 0 ]]; then
  echo "run.sh: publishing ${publish_failed[*]} failed" >&2
  exit 1
fi
if awk -F'\t' 'NR > 1 && ($10 != "ok" || $8 != 0) { bad = 1 } END { exit !bad }' "$summary"; then
  echo "run.sh: some cases did not answer as expected or had errors (see the check column)" >&2
  exit 1
fi
