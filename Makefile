# The two commands of the README: `make run` and `make test`. Everything else is a step of those.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
INSTALLED := $(VENV)/.installed

.PHONY: setup lock run test test-unit evaluate bench bench-generalisation bench-throughput kafka-stop clean

# The dependencies come from the lock (exact versions and hashes), the project itself without deps.
$(INSTALLED): pyproject.toml requirements-test.lock
	@$(PYTHON) -c 'import sys; sys.exit(sys.version_info < (3, 11) and "Python 3.11+ is needed (set PYTHON=...)")'
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet --require-hashes -r requirements-test.lock
	$(BIN)/pip install --quiet --no-deps -e .
	touch $@

setup: $(INSTALLED)

# After a change of pyproject.toml's dependencies: the image's lock (the job's dependencies) and the
# test lock (those plus the test extra, at the same versions), both with hashes, by pip-tools.
PIP_COMPILE := $(VENV)/pip-tools/bin/pip-compile
lock:
	test -x $(PIP_COMPILE) || ($(PYTHON) -m venv $(VENV)/pip-tools && $(VENV)/pip-tools/bin/pip install --quiet pip-tools==7.6.2)
	$(PIP_COMPILE) --quiet --generate-hashes --strip-extras --no-emit-find-links -o requirements.lock pyproject.toml
	$(PIP_COMPILE) --quiet --generate-hashes --strip-extras --no-emit-find-links --extra test \
		-c requirements.lock -o requirements-test.lock pyproject.toml

# Local broker, topics, worker, the bundled sample traffic; prints the commands as they come.
# Ctrl-C stops everything it started.
run: setup
	deploy/run-local.sh

# The whole suite: unit, property and classification tests, and integration tests on a real
# Kafka broker (KAFKA_BOOTSTRAP_SERVERS, else testcontainers, else a local broker from the jars).
test: setup
	$(BIN)/python -m pytest -q -p no:cacheprovider

test-unit: setup
	$(BIN)/python -m pytest -q -p no:cacheprovider -m "not integration"

evaluate: setup
	$(BIN)/bounce-hygiene evaluate --corpus ../shared/corpus/dev

bench: setup
	$(BIN)/python bench/classifier.py

bench-generalisation: setup
	$(BIN)/python bench/generalisation.py

# The live worker against a hand-written confluent-kafka loop, 300,000 events, a broker of its own.
bench-throughput: setup
	$(BIN)/python bench/throughput.py

kafka-stop: setup
	$(BIN)/bounce-hygiene kafka stop

clean:
	rm -rf $(VENV) var
