# Chuhai: `make run` installs everything and starts the assistant; `make test` runs the whole suite.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed-$(shell cat pyproject.toml Makefile | sha1sum | cut -c1-12)
# A portable CPU build: AVX2/FMA without -march=native (native builds enable AMX kernels that
# crash on some virtual machines).
LLAMA_CMAKE_ARGS := -DGGML_NATIVE=OFF -DGGML_AVX=ON -DGGML_AVX2=ON -DGGML_FMA=ON -DGGML_F16C=ON \
	-DGGML_BMI2=ON -DLLAMA_BUILD_TESTS=OFF -DLLAMA_BUILD_EXAMPLES=OFF -DLLAMA_BUILD_TOOLS=OFF

export HF_HUB_OFFLINE := 1
export TRANSFORMERS_OFFLINE := 1
export ANONYMIZED_TELEMETRY := False
export LANGSMITH_TRACING := false
export TOKENIZERS_PARALLELISM := false

.PHONY: install prepare run chat browser test test-fast lint evals clean

$(STAMP):
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/pip install -q --upgrade "pip>=25.1"
	# torch first, from the local CPU build; otherwise a dependency pulls a multi-GB CUDA build.
	$(BIN)/pip install -q torch==2.13.0
	$(BIN)/python -c "import llama_cpp" 2>/dev/null || \
		CMAKE_ARGS="$(LLAMA_CMAKE_ARGS)" $(BIN)/pip install -q llama-cpp-python==0.3.36
	$(BIN)/pip install -q -e . --group dev
	rm -f $(VENV)/.installed-*
	touch $(STAMP)

install: $(STAMP)

prepare: install
	$(BIN)/chuhai models prepare
	$(BIN)/chuhai knowledge ingest knowledge/corpus

run: prepare
	if $(BIN)/chuhai --help | grep -qw demo; then $(BIN)/chuhai demo; fi
	@echo "Chat page and API: http://127.0.0.1:8000/  (API docs: http://127.0.0.1:8000/docs)"
	@echo "Demo API key (new at every start, earlier demo keys revoked):"
	@$(BIN)/chuhai tenants create demo --rotate --json
	$(BIN)/chuhai serve --host 127.0.0.1 --port 8000

# Chromium for the browser test, and a CJK font so its screenshots show Chinese, Japanese and Korean text.
browser:
	(command -v chromium >/dev/null && fc-list | grep -qi microhei) || \
		(apt-get update && apt-get install -y chromium fonts-wqy-microhei)

test: install browser
	$(BIN)/chuhai models prepare
	$(BIN)/pytest

test-fast: install
	$(BIN)/pytest -m "not model"

lint: install
	$(BIN)/ruff check .
	$(BIN)/mypy agents tools knowledge server evals prompts

evals: prepare
	$(BIN)/chuhai eval

clean:
	rm -rf $(VENV) .chuhai
