# Sourced by the benchmark scripts: free_port prints a TCP port nothing listens on.
free_port() {
  local port
  while :; do
    port=$((20000 + RANDOM % 40000))
    ss -ltnH "sport = :$port" | grep -q . || { echo "$port"; return; }
  done
}
