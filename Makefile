# Two commands on a fresh machine:  `make run`  (set up, ingest, answer sample questions)
#                                   `make test` (set up, lint, type-check, all tests)
PYTHON ?= python3.11
VENV   ?= .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed
export HF_HUB_OFFLINE := 1
export TOKENIZERS_PARALLELISM := false

.PHONY: run setup ingest test test-integration lint eval bench clean

run: setup ingest
	@$(BIN)/assistant ask "个人网上申报什么时候截止？"
	@echo
	@$(BIN)/assistant ask "本科毕业几年可以申报工程师？"
	@echo
	@$(BIN)/assistant ask "咨询电话是多少？"

setup: $(STAMP)

# torch is pinned to the CPU build on this machine's disk (an unpinned torch pulls CUDA).
$(STAMP): pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet "torch==2.13.0"
	$(BIN)/pip install --quiet -e ".[dev]"
	touch $(STAMP)

ingest: setup
	$(BIN)/assistant ingest

lint: setup
	$(BIN)/ruff check assistant tests
	$(BIN)/mypy

test: lint
	$(BIN)/python -m pytest
	$(BIN)/assistant eval --reports .assistant/reports

# LLM mode against a real model (llama-cpp-python's server + Gemma 3 270M from PyPI). llama.cpp is built
# portable (AVX2, no AVX-512/AMX): a native build on this VM detects AMX, which the VM does not enable,
# and the server dies of SIGILL on its first answer. The first build takes ~12-17 min on 2 cores; the wheel
# is kept in a folder named after the build flags, so later runs install it in seconds.
LLAMA_VERSION := 0.3.36
LLAMA_CMAKE   := -DGGML_NATIVE=OFF -DGGML_AVX=ON -DGGML_AVX2=ON -DGGML_FMA=ON -DGGML_F16C=ON
LLAMA_WHEELS  := $(HOME)/.cache/assistant/llama-wheels/$(LLAMA_VERSION)-$(shell echo '$(LLAMA_CMAKE)' | md5sum | cut -c1-8)

test-integration: setup
	ls $(LLAMA_WHEELS)/llama_cpp_python-$(LLAMA_VERSION)-*.whl >/dev/null 2>&1 || \
	  CMAKE_ARGS="$(LLAMA_CMAKE)" CMAKE_BUILD_PARALLEL_LEVEL=2 $(BIN)/pip wheel --quiet --no-cache-dir --no-deps \
	    -w $(LLAMA_WHEELS) "llama-cpp-python==$(LLAMA_VERSION)"
	$(BIN)/pip install --quiet --find-links $(LLAMA_WHEELS) -e ".[dev,llm-integration]"
	$(BIN)/pip install --quiet --no-deps --force-reinstall $(LLAMA_WHEELS)/llama_cpp_python-$(LLAMA_VERSION)-*.whl
	$(BIN)/python -m pytest -m integration tests/test_llm_llama.py -s

# the eval suite and the naive-RAG baseline; exits 1 under eval/thresholds.yaml
eval: setup
	$(BIN)/assistant eval --reports docs/eval

bench: setup
	$(BIN)/python scripts/bench.py

clean:
	rm -rf .assistant .pytest_cache .mypy_cache .ruff_cache
