# Luodi — the two commands: `make run` and `make test`. See README.md.
.PHONY: run test build setup bench clean

run:
	@scripts/run

test:
	@scripts/test

setup:
	@scripts/setup

build: setup
	@scripts/build

bench: build
	@bench/run
	@bench/run-training
	@bench/run-incentives
	@echo "== in-process micro benchmarks"
	@build/luodi_bench_micro --benchmark_min_time=1 --benchmark_out=bench/results/micro-latest.json --benchmark_out_format=json

clean:
	rm -rf build web/dist
