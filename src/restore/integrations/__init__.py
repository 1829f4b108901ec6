"""Steps for corpus-processing frameworks, each behind its own optional extra.

Nothing here is imported by ``import restore``; import the module for the
framework you run, which needs that framework installed:

* :mod:`restore.integrations.datatrove` (``pip install 'restore[datatrove]'``):
  a formatter that restores text and a filter that drops spun documents.

Hugging Face ``datasets`` needs no adapter: ``Dataset.map`` with a batched
function that calls :func:`restore.restore` and :func:`restore.spin_score`
is enough (see the README).
"""
