#!/usr/bin/python3
"""Reference for the opinion-map benchmark: a plain numpy/scikit-learn opinion map of a Pol.is
open-data folder, timed beside `polylogue opinion-map` on the same folder as whole processes.

Reads comments.csv and the votes (participants-votes.csv when present, as the command does,
else votes.csv keeping each pair's latest vote), builds the participants x statements matrix,
imputes missing votes with the column mean, projects on 2 principal components and runs k-means
for k = 2..5, keeping the k with the best silhouette. Prints one JSON line: k, participants,
statements, votes.

Imputing with the column mean and then centring leaves the observed deviations and zeros
elsewhere, so PCA of the imputed matrix is a truncated SVD of that sparse matrix: the same
components without the dense matrix (8 GB at 100,000 x 10,000).

Usage: /usr/bin/python3 bench/opinion_map_reference.py DIR   (Debian: python3-numpy python3-sklearn)
"""
import csv
import json
import os
import sys

import numpy as np
from scipy import sparse
from sklearn.cluster import KMeans
from sklearn.decomposition import TruncatedSVD
from sklearn.metrics import silhouette_score


def read_statements(folder):
    with open(os.path.join(folder, "comments.csv"), newline="", encoding="utf-8-sig") as f:
        rows = list(csv.DictReader(f))
    ids = [r["comment-id"] for r in rows]
    removed = np.array([r["moderated"] == "-1" for r in rows])
    return {c: i for i, c in enumerate(ids)}, removed


def from_participants_votes(path, statement_index):
    with open(path, newline="", encoding="utf-8-sig") as f:
        reader = csv.reader(f)
        header = next(reader)
        first = header.index("n-disagree") + 1
        columns = [statement_index[c] for c in header[first:]]
        rows, cols, values = [], [], []
        participants = 0
        for row in reader:
            for j, cell in enumerate(row[first:]):
                if cell != "":
                    rows.append(participants)
                    cols.append(columns[j])
                    values.append(int(cell))
            participants += 1
    return np.array(rows), np.array(cols), np.array(values, dtype=np.float64), participants


def from_votes(path, statement_index):
    with open(path, encoding="utf-8-sig") as f:
        header = f.readline().strip().split(",")
    wanted = [header.index(c) for c in ("timestamp", "comment-id", "voter-id", "vote")]
    # Pol.is's datetime column is quoted text with commas: read only the numeric columns.
    data = np.loadtxt(path, delimiter=",", skiprows=1, usecols=wanted, dtype=np.int64,
                      quotechar='"')
    data = data.reshape(-1, 4)
    order = np.argsort(data[:, 0], kind="stable")
    data = data[order]
    voters, rows = np.unique(data[:, 2], return_inverse=True)
    lookup = np.array([statement_index.get(str(c), -1) for c in np.unique(data[:, 1])])
    comment_ids, comment_pos = np.unique(data[:, 1], return_inverse=True)
    cols = lookup[comment_pos]
    # The latest vote per pair: after the stable sort by time, keep each pair's last row.
    pair = rows.astype(np.int64) * (len(statement_index) + 1) + cols
    _, last = np.unique(pair[::-1], return_index=True)
    keep = len(pair) - 1 - last
    return rows[keep], cols[keep], data[keep, 3].astype(np.float64), len(voters)


def main(folder):
    statement_index, removed = read_statements(folder)
    pv = os.path.join(folder, "participants-votes.csv")
    if os.path.exists(pv):
        rows, cols, values, participants = from_participants_votes(pv, statement_index)
    else:
        rows, cols, values, participants = from_votes(os.path.join(folder, "votes.csv"), statement_index)
    keep = ~removed[cols]
    rows, cols, values = rows[keep], cols[keep], values[keep]
    statements = len(statement_index)
    counts = np.bincount(cols, minlength=statements)
    means = np.bincount(cols, weights=values, minlength=statements) / np.maximum(counts, 1)
    deviations = sparse.csr_matrix((values - means[cols], (rows, cols)), shape=(participants, statements))
    projected = TruncatedSVD(n_components=2, algorithm="arpack", random_state=0).fit_transform(deviations)
    best_k, best_score = 2, -2.0
    for k in range(2, 6):
        labels = KMeans(n_clusters=k, n_init=4, random_state=0).fit_predict(projected)
        sample = min(len(projected), 5000)
        score = silhouette_score(projected, labels, sample_size=sample, random_state=0)
        if score > best_score:
            best_k, best_score = k, score
    print(json.dumps({"k": best_k, "participants": participants, "statements": statements,
                      "votes": int(len(values))}))


if __name__ == "__main__":
    main(sys.argv[1])
