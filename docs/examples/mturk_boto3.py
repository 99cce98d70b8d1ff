"""The boto3 walk-through of docs/mturk.md, as one script.

    AWS_ACCESS_KEY_ID=TKIA… AWS_SECRET_ACCESS_KEY=… python3 docs/examples/mturk_boto3.py create URL
    … a worker does the task in Tessera's web app …
    AWS_ACCESS_KEY_ID=TKIA… AWS_SECRET_ACCESS_KEY=… python3 docs/examples/mturk_boto3.py review URL HIT_ID

URL is your Tessera's address followed by /mturk. `scripts/mturk-guide.sh` runs both halves
against a local server, with a worker in between, to produce the output the guide shows.
"""
import sys

import boto3

QUESTION = """<HTMLQuestion xmlns="http://mechanicalturk.amazonaws.com/AWSMechanicalTurkDataSchemas/2011-11-11/HTMLQuestion.xsd">
  <HTMLContent><![CDATA[<!DOCTYPE html>
<html><body>
  <form name="mturk_form" method="post" action="https://www.mturk.com/mturk/externalSubmit">
    <input type="hidden" name="assignmentId" id="assignmentId" value="">
    <p>Is there a cat in this photo?</p>
    <label><input type="radio" name="cat" value="yes"> Yes</label>
    <label><input type="radio" name="cat" value="no"> No</label>
    <input type="submit">
  </form>
</body></html>]]></HTMLContent>
  <FrameHeight>400</FrameHeight>
</HTMLQuestion>"""


def client(endpoint):
    return boto3.client("mturk", endpoint_url=endpoint, region_name="us-east-1")


def create(endpoint):
    mturk = client(endpoint)
    print(mturk.get_account_balance()["AvailableBalance"])
    hit = mturk.create_hit(
        Title="Is there a cat?",
        Description="Look at one photo and say whether it shows a cat",
        Keywords="image, cat",
        Reward="0.10",
        MaxAssignments=3,
        LifetimeInSeconds=24 * 3600,
        AssignmentDurationInSeconds=600,
        Question=QUESTION,
        UniqueRequestToken="cats-2026-12-06-001",
    )["HIT"]
    print(hit["HITId"], hit["HITStatus"], hit["NumberOfAssignmentsAvailable"])
    for page in mturk.get_paginator("list_hits").paginate(PaginationConfig={"PageSize": 100}):
        for h in page["HITs"]:
            print(h["HITId"], h["Title"], h["HITStatus"])
    try:
        mturk.create_hit(
            Title="Is there a cat?",
            Description="Look at one photo and say whether it shows a cat",
            Reward="0.10",
            MaxAssignments=3,
            LifetimeInSeconds=24 * 3600,
            AssignmentDurationInSeconds=600,
            Question=QUESTION,
            UniqueRequestToken="cats-2026-12-06-001",
        )
    except mturk.exceptions.RequestError as error:
        print(error.response["Error"]["Message"], error.response.get("TurkErrorCode"))


def review(endpoint, hit_id):
    mturk = client(endpoint)
    assignments = mturk.list_assignments_for_hit(
        HITId=hit_id, AssignmentStatuses=["Submitted"]
    )["Assignments"]
    for assignment in assignments:
        print(assignment["AssignmentId"], assignment["WorkerId"], assignment["AssignmentStatus"])
        print(assignment["Answer"])
    first, *rest = assignments
    mturk.approve_assignment(AssignmentId=first["AssignmentId"], RequesterFeedback="Thank you!")
    mturk.send_bonus(
        WorkerId=first["WorkerId"],
        AssignmentId=first["AssignmentId"],
        BonusAmount="0.05",
        Reason="A careful answer",
        UniqueRequestToken="cats-bonus-001",
    )
    for assignment in rest:
        mturk.reject_assignment(
            AssignmentId=assignment["AssignmentId"], RequesterFeedback="The photo has no cat."
        )
    for bonus in mturk.list_bonus_payments(HITId=hit_id)["BonusPayments"]:
        print(bonus["WorkerId"], bonus["BonusAmount"], bonus["Reason"])
    hit = mturk.get_hit(HITId=hit_id)["HIT"]
    print(hit["HITStatus"], hit["NumberOfAssignmentsAvailable"], hit["NumberOfAssignmentsCompleted"])
    balance = mturk.get_account_balance()
    print(balance["AvailableBalance"], balance.get("OnHoldBalance"))


if __name__ == "__main__":
    if sys.argv[1:2] == ["create"] and len(sys.argv) == 3:
        create(sys.argv[2])
    elif sys.argv[1:2] == ["review"] and len(sys.argv) == 4:
        review(sys.argv[2], sys.argv[3])
    else:
        sys.exit(__doc__)
