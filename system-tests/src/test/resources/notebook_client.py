"""The API used as an analyst's notebook does: log in, then pandas reads exports, NDJSON, an aggregate and describe().

Run by PandasClientIT with GATEWAY, LOGIN_USER and LOGIN_PASSWORD set; prints what it read, a line each, which
the test compares with the CSV file read in Java. pandas' own describe() of the exported rows is printed beside the
service's, so the two are compared too.
"""
import json
import os
import urllib.request

import pandas as pd

base = os.environ["GATEWAY"]

# log in: the same token the web UI gets
login = urllib.request.Request(f"{base}/auth/login", method="POST", headers={"Content-Type": "application/json"},
                               data=json.dumps({"username": os.environ["LOGIN_USER"], "password": os.environ["LOGIN_PASSWORD"]}).encode())
token = json.load(urllib.request.urlopen(login))["access_token"]
auth = {"Authorization": f"Bearer {token}"}

# a CSV export and an NDJSON stream straight into DataFrames
indie = pd.read_csv(f"{base}/api/v1/games?genres__exact=Indie&fields=app_id,name,price,positive&format=csv", storage_options=auth)
action = pd.read_json(f"{base}/api/v1/games?genres__exact=Action&fields=app_id,name,genres&format=ndjson", lines=True, storage_options=auth)

# an aggregate's rows as a DataFrame
with urllib.request.urlopen(urllib.request.Request(f"{base}/api/v1/games/aggregate?group_by=genres&metrics=count,avg:price", headers=auth)) as answer:
    per_genre = pd.DataFrame(json.load(answer)["data"]).set_index("genres")

# describe() computed by the service, and by pandas from the exported rows
described = pd.read_csv(f"{base}/api/v1/games/describe?columns=price,positive&genres__exact=Indie&format=csv",
                        index_col="column", storage_options=auth)
by_pandas = indie[["price", "positive"]].describe()

# what was read, a line each (tab-separated), for the test to compare with the file
print("indie_app_ids", ",".join(str(a) for a in indie["app_id"]), sep="\t")
print("indie_price_sum_cents", int(round(indie["price"].sum() * 100)), sep="\t")
print("action_app_ids", ",".join(str(a) for a in action["app_id"]), sep="\t")
print("action_genres_hold_action", bool(action["genres"].map(lambda g: "Action" in g).all()), sep="\t")
for genre, count in per_genre["count"].items():
    print("genre_count", genre, int(count), sep="\t")
for column in described.index:
    for statistic, value in described.loc[column].items():
        print("service", column, statistic, "null" if pd.isna(value) else repr(float(value)), sep="\t")
for column in by_pandas.columns:
    for statistic, value in by_pandas[column].items():
        print("pandas", column, statistic, repr(float(value)), sep="\t")
